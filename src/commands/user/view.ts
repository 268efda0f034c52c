import type { DescribeUserResponse, User } from "@aws-sdk/client-workmail";
import type { OutputSpec } from "../../output/format.js";

/** The camelCase view of a user (`-o json`, `--fields`). */
export interface UserView {
  id: string | undefined;
  name: string | undefined;
  displayName: string | undefined;
  email: string | undefined;
  state: string | undefined;
  role: string | undefined;
  enabledDate: Date | undefined;
  disabledDate: Date | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  initials?: string | undefined;
  telephone?: string | undefined;
  street?: string | undefined;
  jobTitle?: string | undefined;
  city?: string | undefined;
  company?: string | undefined;
  zipCode?: string | undefined;
  department?: string | undefined;
  country?: string | undefined;
  office?: string | undefined;
  hiddenFromGlobalAddressList?: boolean | undefined;
  mailboxProvisionedDate?: Date | undefined;
  mailboxDeprovisionedDate?: Date | undefined;
  identityProviderUserId?: string | undefined;
  identityProviderIdentityStoreId?: string | undefined;
  aliases?: string[] | undefined;
  groups?: string[] | undefined;
  /** Only in the result of `user create --generate-password` / `reset-password --generate-password`. */
  password?: string | undefined;
}

export const USER_FIELDS = [
  "id",
  "name",
  "displayName",
  "email",
  "state",
  "role",
  "enabledDate",
  "disabledDate",
  "firstName",
  "lastName",
  "initials",
  "telephone",
  "street",
  "jobTitle",
  "city",
  "company",
  "zipCode",
  "department",
  "country",
  "office",
  "hiddenFromGlobalAddressList",
  "mailboxProvisionedDate",
  "mailboxDeprovisionedDate",
  "identityProviderUserId",
  "identityProviderIdentityStoreId",
  "aliases",
  "groups",
] as const;

export const userListOutput: OutputSpec = {
  fields: USER_FIELDS,
  columns: ["name", "email", "state", "role"],
  list: true,
  empty: "no users",
};

export const userRecordOutput: OutputSpec = {
  fields: USER_FIELDS,
  columns: [
    "id",
    "name",
    "displayName",
    "email",
    "state",
    "role",
    "firstName",
    "lastName",
    "enabledDate",
    "disabledDate",
    "hiddenFromGlobalAddressList",
    "aliases",
    "groups",
  ],
};

/** What `user create` prints: the record, plus the generated password when there is one. */
export const userCreateOutput: OutputSpec = {
  fields: [...USER_FIELDS, "password"],
  // The password column is empty unless --generate-password made one: it must reach stdout in every format.
  columns: ["id", "name", "displayName", "email", "state", "role", "aliases", "groups", "password"],
};

export function userSummaryView(u: User): UserView {
  return {
    id: u.Id,
    name: u.Name,
    displayName: u.DisplayName,
    email: u.Email,
    state: u.State,
    role: u.UserRole,
    enabledDate: u.EnabledDate,
    disabledDate: u.DisabledDate,
    identityProviderUserId: u.IdentityProviderUserId,
    identityProviderIdentityStoreId: u.IdentityProviderIdentityStoreId,
  };
}

export function userView(
  u: DescribeUserResponse,
  extra: { aliases?: string[] | undefined; groups?: string[] | undefined } = {},
): UserView {
  return {
    id: u.UserId,
    name: u.Name,
    displayName: u.DisplayName,
    email: u.Email,
    state: u.State,
    role: u.UserRole,
    enabledDate: u.EnabledDate,
    disabledDate: u.DisabledDate,
    firstName: u.FirstName,
    lastName: u.LastName,
    initials: u.Initials,
    telephone: u.Telephone,
    street: u.Street,
    jobTitle: u.JobTitle,
    city: u.City,
    company: u.Company,
    zipCode: u.ZipCode,
    department: u.Department,
    country: u.Country,
    office: u.Office,
    hiddenFromGlobalAddressList: u.HiddenFromGlobalAddressList,
    mailboxProvisionedDate: u.MailboxProvisionedDate,
    mailboxDeprovisionedDate: u.MailboxDeprovisionedDate,
    identityProviderUserId: u.IdentityProviderUserId,
    identityProviderIdentityStoreId: u.IdentityProviderIdentityStoreId,
    aliases: extra.aliases,
    groups: extra.groups,
  };
}

/**
 * The inventory document (inventory.json): the whole configuration of one organization, by
 * names and email addresses. The areas hold no service ids: the source organization's ids (its
 * own, its directory's, its ARN, and each user's, group's and resource's by name) are kept in one
 * section, `source.ids`, for reference only; `org restore` (and apply) never read it. Dates are for
 * reference too. Secrets are never part of it (the API returns no passwords; availability
 * credentials are write-only).
 */
export const INVENTORY_FORMAT = "wmctl-inventory";
/** Bump when a change would mislead an older wmctl reading a newer file. */
export const INVENTORY_FORMAT_VERSION = 2;
export const INVENTORY_FILE = "inventory.json";
/** The areas wmctl collects itself, in document order; the policy areas (INVENTORY_AREAS) follow. */
export const CORE_AREA_NAMES = [
  "organization",
  "domains",
  "users",
  "groups",
  "resources",
  "mailboxes",
  "mailbox-permissions",
] as const;

export type EntityKind = "USER" | "GROUP" | "RESOURCE";

export interface OrganizationData {
  /** Format 1 only: format 2 keeps it in source.ids. */
  id?: string | undefined;
  alias?: string | undefined;
  state?: string | undefined;
  defaultMailDomain?: string | undefined;
  interoperabilityEnabled: boolean;
  directoryId?: string | undefined;
  directoryType?: string | undefined;
  arn?: string | undefined;
  migrationAdmin?: string | undefined;
  completedDate?: string | undefined;
}

export interface DnsRecordData {
  type: string;
  hostname: string;
  value: string;
}

export interface DomainData {
  name: string;
  isDefault: boolean;
  isTestDomain: boolean;
  ownershipVerificationStatus?: string | undefined;
  dkimVerificationStatus?: string | undefined;
  records: DnsRecordData[];
}

export { USER_ATTRIBUTES } from "../backend/user-attributes.js";
import type { UserAttribute } from "../backend/user-attributes.js";

export type UserData = {
  name: string;
  id?: string | undefined;
  email?: string | undefined;
  state: string;
  role: string;
  displayName?: string | undefined;
  hidden: boolean;
  identityProviderUserId?: string | undefined;
  aliases: string[];
  enabledDate?: string | undefined;
  disabledDate?: string | undefined;
} & { [K in UserAttribute]?: string | undefined };

export interface MemberRef {
  name: string;
  type: "USER" | "GROUP";
}

export interface GroupData {
  name: string;
  id?: string | undefined;
  email?: string | undefined;
  state: string;
  hidden: boolean;
  aliases: string[];
  /** Direct members only: nested groups appear as members of type GROUP. */
  members: MemberRef[];
  enabledDate?: string | undefined;
  disabledDate?: string | undefined;
}

export interface BookingOptionsData {
  autoAcceptRequests: boolean;
  autoDeclineRecurringRequests: boolean;
  autoDeclineConflictingRequests: boolean;
}

export interface ResourceData {
  name: string;
  id?: string | undefined;
  email?: string | undefined;
  state: string;
  type: string;
  description?: string | undefined;
  hidden: boolean;
  bookingOptions: BookingOptionsData;
  delegates: MemberRef[];
  aliases: string[];
  enabledDate?: string | undefined;
  disabledDate?: string | undefined;
}

export interface MailboxData {
  /** The mailbox owner's name (GetMailboxDetails covers users). */
  user: string;
  email?: string | undefined;
  /** Quota in MB (restored), and the size in MB (for reference only: a restore moves no mail). */
  quotaMb?: number | undefined;
  sizeMb?: number | undefined;
}

export interface MailboxPermissionData {
  /** The mailbox: a user, a resource, or a group (send permissions on its address). */
  mailbox: string;
  mailboxType: EntityKind;
  grantee: string;
  granteeType: string;
  /** FULL_ACCESS, SEND_AS, SEND_ON_BEHALF. */
  permissions: string[];
}

/** The areas wmctl itself writes; policy areas (INVENTORY_AREAS) add their own keys. */
interface CoreAreas {
  organization?: OrganizationData;
  domains?: DomainData[];
  users?: UserData[];
  groups?: GroupData[];
  resources?: ResourceData[];
  mailboxes?: MailboxData[];
  "mailbox-permissions"?: MailboxPermissionData[];
}

export interface SourceInfo {
  organizationId: string;
  alias?: string | undefined;
  region?: string | undefined;
  backend: string;
  endpoint?: string | undefined;
  /** The source organization's service ids, for reference only: restore and apply ignore them (format 2). */
  ids?: SourceIds | undefined;
}

/** Ids of the source organization: they change when an inventory is restored elsewhere. */
export interface SourceIds {
  organization: { id: string; directoryId?: string | undefined; arn?: string | undefined };
  /** By name. */
  users: Record<string, string>;
  groups: Record<string, string>;
  resources: Record<string, string>;
}

export interface SkippedArea {
  area: string;
  reason: string;
}

export interface InventoryDocument {
  format: typeof INVENTORY_FORMAT;
  formatVersion: number;
  wmctlVersion: string;
  /** When the inventory was taken (wall clock, ISO-8601). */
  createdAt: string;
  source: SourceInfo;
  areas: CoreAreas & Record<string, unknown>;
  /** Areas that are not in this inventory, and why (not implemented by the backend, failed). */
  skipped: SkippedArea[];
  /** The CSV files written beside inventory.json. */
  files: string[];
}

import type { WorkMailOperation } from "../../backend/workmail-api.js";
import type { SchemaModule } from "../store/database.js";
import { metaSchema } from "../store/meta.js";
import { route53Schema } from "../route53/route53-schema.js";
import { accessRuleSchema } from "./access-rules-store.js";
import { availabilitySchema } from "./availability-schema.js";
import { domainsSchema } from "./domains-schema.js";
import { exportSchema } from "./export-schema.js";
import type { Handlers } from "./handler.js";
import { identityCenterSchema } from "./identity-center-schema.js";
import { identitySchema } from "./identity-schema.js";
import { impersonationSchema } from "./impersonation-store.js";
import { mailboxSchema } from "./mailbox-schema.js";
import { mobileAccessSchema } from "./mobile-access-store.js";
import { orgSettingsSchema } from "./org-settings-schema.js";
import { retentionSchema } from "./retention-schema.js";
import { tagSchema } from "./tags-schema.js";

/**
 * One API area: the operations it implements and its module, loaded on the first call of one of
 * them, so a command that lists users never loads the export or policy code.
 * test/unit/local-backend/areas.test.ts checks each list against the module's handlers.
 */
export interface Area {
  readonly module: string;
  readonly operations: readonly WorkMailOperation[];
  load(): Promise<Handlers>;
}

/** Every API area. An operation in none of them is listed as not implemented. */
export const AREAS: readonly Area[] = [
  {
    module: "organizations",
    operations: ["CreateOrganization", "DescribeOrganization", "ListOrganizations", "DeleteOrganization"],
    load: async () => (await import("./organizations.js")).organizationHandlers,
  },
  {
    module: "users",
    operations: ["CreateUser", "DescribeUser", "ListUsers", "UpdateUser", "DeleteUser", "ResetPassword"],
    load: async () => (await import("./users.js")).userHandlers,
  },
  {
    module: "registration",
    operations: ["RegisterToWorkMail", "DeregisterFromWorkMail", "UpdatePrimaryEmailAddress"],
    load: async () => (await import("./registration.js")).registrationHandlers,
  },
  {
    module: "aliases",
    operations: ["CreateAlias", "DeleteAlias", "ListAliases", "DescribeEntity"],
    load: async () => (await import("./aliases.js")).aliasHandlers,
  },
  {
    module: "groups",
    operations: [
      "CreateGroup",
      "DescribeGroup",
      "ListGroups",
      "UpdateGroup",
      "DeleteGroup",
      "AssociateMemberToGroup",
      "DisassociateMemberFromGroup",
      "ListGroupMembers",
      "ListGroupsForEntity",
    ],
    load: async () => (await import("./groups.js")).groupHandlers,
  },
  {
    module: "resources",
    operations: [
      "CreateResource",
      "DescribeResource",
      "ListResources",
      "UpdateResource",
      "DeleteResource",
      "AssociateDelegateToResource",
      "DisassociateDelegateFromResource",
      "ListResourceDelegates",
    ],
    load: async () => (await import("./resources.js")).resourceHandlers,
  },
  {
    module: "domains",
    operations: [
      "RegisterMailDomain",
      "DeregisterMailDomain",
      "GetMailDomain",
      "ListMailDomains",
      "UpdateDefaultMailDomain",
    ],
    load: async () => (await import("./domains.js")).domainHandlers,
  },
  {
    module: "mailboxes",
    operations: ["GetMailboxDetails", "UpdateMailboxQuota"],
    load: async () => (await import("./mailboxes.js")).mailboxHandlers,
  },
  {
    module: "mailbox-permissions",
    operations: ["PutMailboxPermissions", "DeleteMailboxPermissions", "ListMailboxPermissions"],
    load: async () => (await import("./mailbox-permissions.js")).mailboxPermissionHandlers,
  },
  {
    module: "export-jobs",
    operations: [
      "StartMailboxExportJob",
      "DescribeMailboxExportJob",
      "ListMailboxExportJobs",
      "CancelMailboxExportJob",
    ],
    load: async () => (await import("./export-jobs.js")).exportJobHandlers,
  },
  {
    module: "access-rules",
    operations: ["PutAccessControlRule", "ListAccessControlRules", "DeleteAccessControlRule", "GetAccessControlEffect"],
    load: async () => (await import("./access-rules.js")).accessRuleHandlers,
  },
  {
    module: "mobile-access",
    operations: [
      "CreateMobileDeviceAccessRule",
      "UpdateMobileDeviceAccessRule",
      "DeleteMobileDeviceAccessRule",
      "ListMobileDeviceAccessRules",
      "GetMobileDeviceAccessEffect",
      "PutMobileDeviceAccessOverride",
      "GetMobileDeviceAccessOverride",
      "DeleteMobileDeviceAccessOverride",
      "ListMobileDeviceAccessOverrides",
    ],
    load: async () => (await import("./mobile-access.js")).mobileAccessHandlers,
  },
  {
    module: "impersonation",
    operations: [
      "CreateImpersonationRole",
      "UpdateImpersonationRole",
      "DeleteImpersonationRole",
      "GetImpersonationRole",
      "ListImpersonationRoles",
      "GetImpersonationRoleEffect",
      "AssumeImpersonationRole",
    ],
    load: async () => (await import("./impersonation.js")).impersonationHandlers,
  },
  {
    module: "retention",
    operations: ["PutRetentionPolicy", "GetDefaultRetentionPolicy", "DeleteRetentionPolicy"],
    load: async () => (await import("./retention.js")).retentionHandlers,
  },
  {
    module: "org-settings",
    operations: [
      "PutInboundDmarcSettings",
      "DescribeInboundDmarcSettings",
      "PutEmailMonitoringConfiguration",
      "DescribeEmailMonitoringConfiguration",
      "DeleteEmailMonitoringConfiguration",
    ],
    load: async () => (await import("./org-settings.js")).orgSettingsHandlers,
  },
  {
    module: "availability",
    operations: [
      "CreateAvailabilityConfiguration",
      "UpdateAvailabilityConfiguration",
      "DeleteAvailabilityConfiguration",
      "ListAvailabilityConfigurations",
      "TestAvailabilityConfiguration",
    ],
    load: async () => (await import("./availability.js")).availabilityHandlers,
  },
  {
    module: "identity-center",
    operations: [
      "CreateIdentityCenterApplication",
      "DeleteIdentityCenterApplication",
      "PutIdentityProviderConfiguration",
      "DescribeIdentityProviderConfiguration",
      "DeleteIdentityProviderConfiguration",
    ],
    load: async () => (await import("./identity-center.js")).identityCenterHandlers,
  },
  {
    module: "personal-access-tokens",
    operations: ["ListPersonalAccessTokens", "GetPersonalAccessTokenMetadata", "DeletePersonalAccessToken"],
    load: async () => (await import("./personal-access-tokens.js")).personalAccessTokenHandlers,
  },
  {
    module: "tags",
    operations: ["TagResource", "UntagResource", "ListTagsForResource"],
    load: async () => (await import("./tags.js")).tagHandlers,
  },
];

/** Every area's schema, applied in this order when a store is opened. */
export const SCHEMAS: readonly SchemaModule[] = [
  metaSchema,
  identitySchema,
  domainsSchema,
  route53Schema,
  mailboxSchema,
  exportSchema,
  accessRuleSchema,
  mobileAccessSchema,
  impersonationSchema,
  retentionSchema,
  orgSettingsSchema,
  availabilitySchema,
  identityCenterSchema,
  tagSchema,
];

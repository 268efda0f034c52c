import type { SchemaModule } from "../store/database.js";
import { metaSchema } from "../store/meta.js";
import { aliasHandlers } from "./aliases.js";
import { accessRuleHandlers } from "./access-rules.js";
import { accessRuleSchema } from "./access-rules-store.js";
import { availabilityHandlers, availabilitySchema } from "./availability.js";
import type { Handlers } from "./handler.js";
import { identityCenterHandlers, identityCenterSchema } from "./identity-center.js";
import { domainHandlers } from "./domains.js";
import { domainsSchema } from "./domains-schema.js";
import { identitySchema } from "./identity-schema.js";
import { impersonationHandlers } from "./impersonation.js";
import { impersonationSchema } from "./impersonation-store.js";
import { mobileAccessHandlers } from "./mobile-access.js";
import { mobileAccessSchema } from "./mobile-access-store.js";
import { orgSettingsHandlers, orgSettingsSchema } from "./org-settings.js";
import { exportJobHandlers } from "./export-jobs.js";
import { exportSchema } from "./export-schema.js";
import { mailboxPermissionHandlers } from "./mailbox-permissions.js";
import { mailboxSchema } from "./mailbox-schema.js";
import { mailboxHandlers } from "./mailboxes.js";
import { organizationHandlers } from "./organizations.js";
import { personalAccessTokenHandlers } from "./personal-access-tokens.js";
import { registrationHandlers } from "./registration.js";
import { retentionHandlers, retentionSchema } from "./retention.js";
import { tagHandlers, tagSchema } from "./tags.js";
import { userHandlers } from "./users.js";
import { groupHandlers } from "./groups.js";
import { resourceHandlers } from "./resources.js";
import { route53Schema } from "../route53/route53-schema.js";

/** Every API area's operations. An operation missing here is listed as not implemented. */
export const HANDLERS: Handlers = {
  ...organizationHandlers,
  ...userHandlers,
  ...registrationHandlers,
  ...aliasHandlers,
  ...groupHandlers,
  ...resourceHandlers,
  ...accessRuleHandlers,
  ...mobileAccessHandlers,
  ...impersonationHandlers,
  ...retentionHandlers,
  ...orgSettingsHandlers,
  ...availabilityHandlers,
  ...identityCenterHandlers,
  ...personalAccessTokenHandlers,
  ...tagHandlers,
  ...mailboxHandlers,
  ...mailboxPermissionHandlers,
  ...exportJobHandlers,
  ...domainHandlers,
};

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

import type { SchemaModule } from "../store/database.js";
import { metaSchema } from "../store/meta.js";
import type { Handlers } from "./handler.js";
import { exportJobHandlers } from "./export-jobs.js";
import { exportSchema } from "./export-schema.js";
import { identitySchema } from "./identity-schema.js";
import { mailboxPermissionHandlers } from "./mailbox-permissions.js";
import { mailboxSchema } from "./mailbox-schema.js";
import { mailboxHandlers } from "./mailboxes.js";
import { organizationHandlers } from "./organizations.js";
import { registrationHandlers } from "./registration.js";
import { userHandlers } from "./users.js";

/** Every API area's operations. An operation missing here is listed as not implemented. */
export const HANDLERS: Handlers = {
  ...organizationHandlers,
  ...userHandlers,
  ...registrationHandlers,
  ...mailboxHandlers,
  ...mailboxPermissionHandlers,
  ...exportJobHandlers,
};

/** Every area's schema, applied in this order when a store is opened. */
export const SCHEMAS: readonly SchemaModule[] = [metaSchema, identitySchema, mailboxSchema, exportSchema];

import type { SchemaModule } from "../store/database.js";
import { metaSchema } from "../store/meta.js";
import { aliasHandlers } from "./aliases.js";
import type { Handlers } from "./handler.js";
import { identitySchema } from "./identity-schema.js";
import { organizationHandlers } from "./organizations.js";
import { registrationHandlers } from "./registration.js";
import { userHandlers } from "./users.js";
import { groupHandlers } from "./groups.js";
import { resourceHandlers } from "./resources.js";

/** Every API area's operations. An operation missing here is listed as not implemented. */
export const HANDLERS: Handlers = {
  ...organizationHandlers,
  ...userHandlers,
  ...registrationHandlers,
  ...aliasHandlers,
  ...groupHandlers,
  ...resourceHandlers,
};

/** Every area's schema, applied in this order when a store is opened. */
export const SCHEMAS: readonly SchemaModule[] = [metaSchema, identitySchema];

import type { SchemaModule } from "../store/database.js";
import { metaSchema } from "../store/meta.js";
import type { Handlers } from "./handler.js";
import { domainHandlers } from "./domains.js";
import { domainsSchema } from "./domains-schema.js";
import { identitySchema } from "./identity-schema.js";
import { organizationHandlers } from "./organizations.js";
import { registrationHandlers } from "./registration.js";
import { userHandlers } from "./users.js";
import { route53Schema } from "../route53/route53-schema.js";

/** Every API area's operations. An operation missing here is listed as not implemented. */
export const HANDLERS: Handlers = {
  ...organizationHandlers,
  ...userHandlers,
  ...registrationHandlers,
  ...domainHandlers,
};

/** Every area's schema, applied in this order when a store is opened. */
export const SCHEMAS: readonly SchemaModule[] = [metaSchema, identitySchema, domainsSchema, route53Schema];

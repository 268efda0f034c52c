import type { SchemaModule } from "../store/database.js";

/**
 * Availability (free/busy) providers per external domain. The EWS password is kept so the
 * simulator can test the provider, and is never returned (the API's RedactedEwsAvailabilityProvider).
 */
export const availabilitySchema: SchemaModule = {
  name: "availability",
  migrations: [
    `
CREATE TABLE availability_configurations (
  org_id TEXT NOT NULL,
  domain TEXT NOT NULL,
  provider_type TEXT NOT NULL CHECK (provider_type IN ('EWS', 'LAMBDA')),
  ews_endpoint TEXT,
  ews_username TEXT,
  ews_password TEXT,
  lambda_arn TEXT,
  client_token TEXT,
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL,
  UNIQUE (org_id, domain)
);
`,
  ],
};

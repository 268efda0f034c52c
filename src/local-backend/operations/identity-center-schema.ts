import type { SchemaModule } from "../store/database.js";

/**
 * IAM Identity Center integration: the WorkMail applications made in Identity Center (account-wide,
 * not per organization), each organization's identity provider configuration, and the personal
 * access tokens mailbox users create in the web app while tokens are ACTIVE.
 */
export const identityCenterSchema: SchemaModule = {
  name: "identity-center",
  migrations: [
    `
CREATE TABLE idc_applications (
  arn TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  instance_arn TEXT NOT NULL,
  client_token TEXT UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE TABLE identity_provider_configs (
  org_id TEXT PRIMARY KEY,
  authentication_mode TEXT NOT NULL,
  instance_arn TEXT NOT NULL,
  application_arn TEXT NOT NULL,
  pat_status TEXT NOT NULL,
  pat_lifetime_days INTEGER,
  modified_at INTEGER NOT NULL
);
CREATE TABLE personal_access_tokens (
  org_id TEXT NOT NULL,
  id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  scopes TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  last_used_at INTEGER,
  UNIQUE (org_id, id)
);
`,
  ],
};

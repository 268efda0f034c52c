import type { SchemaModule } from "../store/database.js";

/**
 * Organizations, their entities (users, groups, resources), email addresses, memberships,
 * delegates and mail domains. Times are epoch milliseconds of simulator time.
 */
export const identitySchema: SchemaModule = {
  name: "identity",
  migrations: [
    `
CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  alias TEXT NOT NULL,
  directory_id TEXT NOT NULL,
  directory_type TEXT NOT NULL,
  kms_key_arn TEXT,
  interoperability_enabled INTEGER NOT NULL DEFAULT 0,
  migration_admin TEXT,
  client_token TEXT,
  created_at INTEGER NOT NULL,
  active_at INTEGER NOT NULL,
  deleting_at INTEGER,
  deleted_at INTEGER,
  delete_client_token TEXT
);
CREATE UNIQUE INDEX organizations_alias ON organizations (lower(alias)) WHERE deleting_at IS NULL;
CREATE UNIQUE INDEX organizations_client_token ON organizations (client_token) WHERE client_token IS NOT NULL;

CREATE TABLE entities (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('USER', 'GROUP', 'RESOURCE')),
  name TEXT NOT NULL,
  email TEXT,
  display_name TEXT,
  state TEXT NOT NULL CHECK (state IN ('ENABLED', 'DISABLED', 'DELETED')),
  role TEXT,
  created_at INTEGER NOT NULL,
  enabled_at INTEGER,
  disabled_at INTEGER,
  mailbox_provisioned_at INTEGER,
  mailbox_deprovisioned_at INTEGER,
  hidden_from_gal INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT,
  password_set_at INTEGER,
  attrs TEXT NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX entities_id ON entities (org_id, id);
CREATE UNIQUE INDEX entities_live_name ON entities (org_id, lower(name)) WHERE state <> 'DELETED';
CREATE INDEX entities_type ON entities (org_id, type, seq);

CREATE TABLE addresses (
  org_id TEXT NOT NULL,
  address TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  is_primary INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, address)
) WITHOUT ROWID;
CREATE INDEX addresses_entity ON addresses (org_id, entity_id);

CREATE TABLE group_members (
  org_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  member_id TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, group_id, member_id)
) WITHOUT ROWID;
CREATE INDEX group_members_member ON group_members (org_id, member_id);

CREATE TABLE resource_delegates (
  org_id TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, resource_id, entity_id)
) WITHOUT ROWID;

CREATE TABLE mail_domains (
  org_id TEXT NOT NULL,
  domain TEXT NOT NULL,
  is_test INTEGER NOT NULL DEFAULT 0,
  is_default INTEGER NOT NULL DEFAULT 0,
  ownership_status TEXT NOT NULL DEFAULT 'PENDING',
  dkim_status TEXT NOT NULL DEFAULT 'PENDING',
  created_at INTEGER NOT NULL,
  attrs TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (org_id, domain)
) WITHOUT ROWID;
`,
  ],
};

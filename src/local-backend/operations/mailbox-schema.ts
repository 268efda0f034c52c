import type { SchemaModule } from "../store/database.js";

/**
 * Mailboxes of users and resources: their quota, the index of their content (folders and items
 * whose MIME bytes live as files under `paths.mail`), and the mailbox permissions granted on them.
 * Times are epoch milliseconds of simulator time; sizes are bytes.
 *
 * `generation` changes when a mailbox's content is deleted (the 30-day rule): its files live in a
 * folder of their own per generation, so a purge removes one folder.
 */
export const mailboxSchema: SchemaModule = {
  name: "mailbox",
  migrations: [
    `
CREATE TABLE mailboxes (
  org_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  generation INTEGER NOT NULL DEFAULT 1,
  quota_mb INTEGER NOT NULL DEFAULT 51200,
  size_bytes INTEGER NOT NULL DEFAULT 0,
  item_count INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  purged_at INTEGER,
  PRIMARY KEY (org_id, entity_id)
) WITHOUT ROWID;

CREATE TABLE mail_folders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  path TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('mail', 'calendar', 'contacts', 'tasks', 'notes')),
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX mail_folders_path ON mail_folders (org_id, entity_id, lower(path));

CREATE TABLE mail_items (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  folder_id INTEGER NOT NULL REFERENCES mail_folders (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('message', 'calendar', 'contact')),
  file TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  message_id TEXT,
  subject TEXT,
  from_address TEXT,
  sent_at INTEGER,
  attachments INTEGER NOT NULL DEFAULT 0,
  delivered_at INTEGER NOT NULL
);
CREATE INDEX mail_items_folder ON mail_items (folder_id, seq);
CREATE INDEX mail_items_mailbox ON mail_items (org_id, entity_id, seq);

CREATE TABLE mailbox_permissions (
  org_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  grantee_id TEXT NOT NULL,
  grantee_type TEXT NOT NULL CHECK (grantee_type IN ('USER', 'GROUP')),
  permissions TEXT NOT NULL,
  seq INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, entity_id, grantee_id)
) WITHOUT ROWID;
CREATE INDEX mailbox_permissions_grantee ON mailbox_permissions (org_id, grantee_id);
`,
    // Retention policies age a message from its last action (created, modified or moved).
    `ALTER TABLE mail_items ADD COLUMN last_action_at INTEGER;`,
  ],
};

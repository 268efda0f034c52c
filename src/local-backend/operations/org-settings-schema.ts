import type { SchemaModule } from "../store/database.js";

/**
 * Organization-wide settings with one value each: inbound DMARC enforcement and the email
 * monitoring (event logging) configuration. A missing DMARC row means the default: enforced.
 */
export const orgSettingsSchema: SchemaModule = {
  name: "org-settings",
  migrations: [
    `
CREATE TABLE inbound_dmarc (
  org_id TEXT PRIMARY KEY,
  enforced INTEGER NOT NULL,
  modified_at INTEGER NOT NULL
);
CREATE TABLE email_monitoring (
  org_id TEXT PRIMARY KEY,
  log_group_arn TEXT NOT NULL,
  role_arn TEXT,
  modified_at INTEGER NOT NULL
);
`,
  ],
};

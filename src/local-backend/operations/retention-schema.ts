import type { SchemaModule } from "../store/database.js";

/** One retention policy per organization (the "default" one the API reads back). */
export const retentionSchema: SchemaModule = {
  name: "retention",
  migrations: [
    `
CREATE TABLE retention_policies (
  org_id TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  folders TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL
);
`,
  ],
};

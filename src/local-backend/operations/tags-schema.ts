import type { SchemaModule } from "../store/database.js";

/** Tags of organizations (the only taggable WorkMail resource), in the order they were added. */
export const tagSchema: SchemaModule = {
  name: "tags",
  migrations: [
    `
CREATE TABLE organization_tags (
  org_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  UNIQUE (org_id, key)
);
`,
  ],
};

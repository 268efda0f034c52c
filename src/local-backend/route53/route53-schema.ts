import type { SchemaModule } from "../store/database.js";

/**
 * The local Route 53: hosted zones, their record sets and change batches. Names are stored
 * lower-case and fully qualified (trailing dot), as Route 53 returns them; `sort_key` holds the
 * labels reversed (`com.example.www`) so listings come out in Route 53's order. Values are kept in
 * presentation format (TXT quoted), exactly as ChangeResourceRecordSets received them.
 */
export const route53Schema: SchemaModule = {
  name: "route53",
  migrations: [
    `
CREATE TABLE hosted_zones (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  caller_reference TEXT NOT NULL UNIQUE,
  comment TEXT,
  private_zone INTEGER NOT NULL DEFAULT 0,
  sort_key TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX hosted_zones_name ON hosted_zones (name, seq);
CREATE INDEX hosted_zones_sort ON hosted_zones (sort_key, id);

CREATE TABLE record_sets (
  zone_id TEXT NOT NULL REFERENCES hosted_zones (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  set_identifier TEXT NOT NULL DEFAULT '',
  sort_key TEXT NOT NULL,
  ttl INTEGER,
  record_values TEXT NOT NULL DEFAULT '[]',
  alias_target TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (zone_id, name, type, set_identifier)
) WITHOUT ROWID;
CREATE INDEX record_sets_sort ON record_sets (zone_id, sort_key, type, set_identifier);
CREATE INDEX record_sets_name ON record_sets (name, type);

CREATE TABLE zone_changes (
  id TEXT PRIMARY KEY,
  zone_id TEXT,
  comment TEXT,
  submitted_at INTEGER NOT NULL,
  insync_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
  ],
};

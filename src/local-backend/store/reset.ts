import { CREDENTIALS_KEY } from "../credentials.js";
import { SERVICE_KINDS, serviceKey } from "../network-services.js";
import { CA_KEY } from "../tls/local-ca.js";
import type { Db } from "./database.js";

/**
 * Meta keys that survive a reset or a restore: who the store is (account, access key, CA), and the
 * servers running on it, which keep running (their endpoints, and the CA their certificates chain to).
 */
export const KEPT_META_KEYS = ["accountId", CREDENTIALS_KEY, CA_KEY, ...SERVICE_KINDS.map(serviceKey)];

/**
 * The store's data tables, whatever areas created them: every table but the bookkeeping ones
 * (schema_versions, meta, sqlite_*) and the shadow tables of virtual tables (FTS), which follow
 * their virtual table.
 */
export function dataTables(db: Db, schema = "main"): string[] {
  const rows = db
    .prepare<[], { name: string; sql: string | null }>(
      `SELECT name, sql FROM ${schema}.sqlite_master WHERE type = 'table' ORDER BY name`,
    )
    .all();
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? "")).map((r) => r.name);
  return rows
    .map((r) => r.name)
    .filter((n) => !n.startsWith("sqlite_") && n !== "schema_versions" && n !== "meta")
    .filter((n) => !virtual.some((v) => n.startsWith(`${v}_`)));
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Empties the store in one transaction: every data table, the autoincrement counters, and the
 * meta settings (clock offset, lifecycle delays) but the kept keys. Other processes using the
 * store (a running `wmctl local serve`) see an empty simulator at once.
 */
export function resetStore(db: Db): void {
  db.transaction(() => {
    db.pragma("defer_foreign_keys = ON");
    for (const t of dataTables(db)) db.prepare(`DELETE FROM ${quoteIdent(t)}`).run();
    if (hasTable(db, "sqlite_sequence")) db.prepare("DELETE FROM sqlite_sequence").run();
    db.prepare(`DELETE FROM meta WHERE key NOT IN (${KEPT_META_KEYS.map(() => "?").join(", ")})`).run(
      ...KEPT_META_KEYS,
    );
  }).immediate();
}

export function hasTable(db: Db, name: string, schema = "main"): boolean {
  return db.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

/** Rows per data table (`wmctl local status`). */
export function tableCounts(db: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of dataTables(db))
    out[t] = (db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(t)}`).get() as { n: number }).n;
  return out;
}

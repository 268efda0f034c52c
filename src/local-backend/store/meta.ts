import type { Db, SchemaModule } from "./database.js";

/** Key/value settings of the store itself: account id, clock offset, lifecycle delays, credentials. */
export const metaSchema: SchemaModule = {
  name: "meta",
  migrations: [`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`],
};

export function getMeta<T>(db: Db, key: string): T | undefined {
  const row = db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?").get(key);
  return row === undefined ? undefined : (JSON.parse(row.value) as T);
}

export function setMeta(db: Db, key: string, value: unknown): void {
  db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
    key,
    JSON.stringify(value),
  );
}

/** Reads a meta value, creating it once (first writer wins across processes). */
export function getOrInitMeta<T>(db: Db, key: string, init: () => T): T {
  const existing = getMeta<T>(db, key);
  if (existing !== undefined) return existing;
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)").run(key, JSON.stringify(init()));
  return getMeta<T>(db, key) as T;
}

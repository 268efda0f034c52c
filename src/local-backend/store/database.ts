import { chmodSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

/**
 * A versioned piece of the store's schema. Each API area owns one module; its migrations are
 * applied in order and never edited once released (add a new one instead). The store records the
 * version of each module, so areas evolve independently.
 */
export interface SchemaModule {
  readonly name: string;
  readonly migrations: readonly string[];
}

export class StoreVersionError extends Error {
  override readonly name = "StoreVersionError";
}

/**
 * Opens (and creates or migrates) the simulator's SQLite store: WAL, a busy timeout so several
 * wmctl processes can write at once, foreign keys on. Migrations run in one IMMEDIATE transaction,
 * so two processes opening a new store at once do not race.
 */
export function openDatabase(file: string, modules: readonly SchemaModule[]): Db {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  // The store holds password hashes and mail: readable by its owner only.
  if (file !== ":memory:") chmodSync(file, 0o600);
  db.pragma("busy_timeout = 30000");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  migrate(db, modules);
  cacheStatements(db);
  return db;
}

/**
 * Every operation prepares the same few statements; compiling them once per connection keeps
 * bulk work (1,000 CreateUser calls a second) cheap. A statement that is being iterated is busy,
 * so `.iterate()` callers must prepare their own (`db.prepareUncached`); modes set with
 * pluck/raw/expand are reset each time a cached statement is handed out.
 */
function cacheStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  Object.defineProperty(db, "prepareUncached", { value: prepare });
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (stmt === undefined) {
      stmt = prepare(sql);
      cache.set(sql, stmt);
    } else if (stmt.reader) {
      // A previous caller may have switched the shared statement to pluck/raw/expand mode.
      stmt.pluck(false).expand(false).raw(false);
    }
    return stmt;
  }) as Db["prepare"];
}

function migrate(db: Db, modules: readonly SchemaModule[]): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL)");
  const read = db.prepare<[string], { version: number }>("SELECT version FROM schema_versions WHERE module = ?");
  const needed = modules.some((m) => (read.get(m.name)?.version ?? 0) !== m.migrations.length);
  if (!needed) return;
  db.transaction(() => {
    for (const m of modules) {
      const current = read.get(m.name)?.version ?? 0;
      if (current > m.migrations.length) {
        throw new StoreVersionError(
          `the store's "${m.name}" schema is at version ${current}, newer than this wmctl knows (${m.migrations.length}); upgrade wmctl`,
        );
      }
      for (let v = current; v < m.migrations.length; v++) db.exec(m.migrations[v] ?? "");
      if (current !== m.migrations.length) {
        db.prepare("INSERT INTO schema_versions (module, version) VALUES (?, ?) ON CONFLICT(module) DO UPDATE SET version = excluded.version").run(
          m.name,
          m.migrations.length,
        );
      }
    }
  }).immediate();
}

/** Every module's current version (for `wmctl local status`). */
export function schemaVersions(db: Db): Record<string, number> {
  const rows = db.prepare<[], { module: string; version: number }>("SELECT module, version FROM schema_versions ORDER BY module").all();
  return Object.fromEntries(rows.map((r) => [r.module, r.version]));
}

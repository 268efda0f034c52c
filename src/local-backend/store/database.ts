import { randomBytes } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  type Stats,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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
 * The store cannot be used as it is: empty, damaged, or read-only for a command that writes. The
 * message names the file; the hint says the way out.
 */
class StoreError extends Error {
  override readonly name = "StoreError";
  constructor(
    message: string,
    readonly hint: string,
    readonly kind: "damaged" | "read-only" = "damaged",
  ) {
    super(message);
  }
}

const WAY_OUT = (file: string) =>
  `restore a snapshot into a new store (mv ${file} ${file}.damaged, then wmctl local snapshots and wmctl local restore NAME --yes), or move it aside to start afresh`;

/**
 * Opens (and creates or migrates) the simulator's SQLite store: WAL, a busy timeout so several
 * wmctl processes can write at once, foreign keys on. Migrations run in one IMMEDIATE transaction,
 * so two processes opening a new store at once do not race. A new store is built under a temporary
 * name and linked into place complete, so an existing store.db is never a half-made one: a 0-byte
 * or damaged file is refused (StoreError), never silently replaced by an empty store. A store this
 * process cannot write is opened read-only: reads work, writes fail with a StoreError.
 */
export function openDatabase(file: string, modules: readonly SchemaModule[]): Db {
  if (file === ":memory:") return configure(new Database(file), modules);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const st = lstatQuiet(file);
  if (st === undefined) createStore(file, modules);
  else if (st.isFile() && st.size === 0) {
    throw new StoreError(`the simulator store ${file} is empty (0 bytes): it is not a wmctl store`, WAY_OUT(file));
  }
  let db: Db | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    if (db.readonly) throw Object.assign(new Error("read-only"), { code: "SQLITE_READONLY" });
    tightenMode(file);
    return configure(db, modules);
  } catch (e) {
    db?.close();
    const code = String((e as { code?: unknown }).code ?? "");
    if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT")) throw damaged(file, e);
    if (code.startsWith("SQLITE_READONLY") || code === "SQLITE_CANTOPEN" || code === "EACCES" || code === "EPERM")
      return openReadOnly(file, modules);
    throw e;
  }
}

/** A SQLite error that says the file is not a healthy database, as a StoreError naming it. */
function damaged(file: string, e: unknown): StoreError {
  return new StoreError(`the simulator store ${file} is damaged (${(e as Error).message})`, WAY_OUT(file));
}

function configure(db: Db, modules: readonly SchemaModule[]): Db {
  db.pragma("busy_timeout = 30000");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  migrate(db, modules);
  cacheStatements(db);
  return db;
}

/** Builds a new store beside its final name and links it into place (the first process wins). */
function createStore(file: string, modules: readonly SchemaModule[]): void {
  const tmp = `${file}.new-${randomBytes(4).toString("hex")}`;
  try {
    const db = new Database(tmp);
    chmodSync(tmp, 0o600);
    configure(db, modules).close();
    try {
      linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  }
}

/**
 * The store holds password hashes and mail: its owner's only. Group and other bits are dropped
 * (a read-only store stays read-only); a symlinked store.db is left alone, and so is a store this
 * process does not own.
 */
function tightenMode(file: string): void {
  const st = lstatSync(file);
  if (!st.isFile() || (st.mode & 0o077) === 0 || st.uid !== process.getuid?.()) return;
  chmodSync(file, st.mode & 0o700);
}

/**
 * A store this process may read but not write. In WAL mode SQLite needs the -shm file (or a folder
 * it can create it in) even to read; when it has neither, the reads are served from a private
 * copy of the store (and its WAL) in the temporary folder, removed on close.
 */
function openReadOnly(file: string, modules: readonly SchemaModule[]): Db {
  let db: Db | undefined;
  let copyDir: string | undefined;
  try {
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      db.pragma("busy_timeout = 30000");
      db.prepare("SELECT count(*) FROM sqlite_master").get();
    } catch (e) {
      db?.close();
      const code = String((e as { code?: unknown }).code ?? "");
      if (!code.startsWith("SQLITE_READONLY") && code !== "SQLITE_CANTOPEN") throw e;
      copyDir = mkdtempSync(join(tmpdir(), "wmctl-readonly-store-"));
      const copy = join(copyDir, "store.db");
      copyFileSync(file, copy);
      if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
      db = new Database(copy, { readonly: true, fileMustExist: true });
      const dir = copyDir;
      const close = db.close.bind(db);
      db.close = (() => {
        close();
        rmSync(dir, { recursive: true, force: true });
        return db;
      }) as Db["close"];
    }
    const versions = new Map(
      db
        .prepare<[], { module: string; version: number }>("SELECT module, version FROM schema_versions")
        .all()
        .map((r) => [r.module, r.version]),
    );
    if (modules.some((m) => (versions.get(m.name) ?? 0) !== m.migrations.length)) {
      throw new StoreError(
        `the simulator store ${file} is read-only and was made by another wmctl version`,
        "open it once with write access to upgrade it",
      );
    }
    db.pragma("foreign_keys = ON");
    cacheStatements(db);
    return db;
  } catch (e) {
    db?.close();
    if (copyDir !== undefined) rmSync(copyDir, { recursive: true, force: true });
    const code = String((e as { code?: unknown }).code ?? "");
    if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT")) throw damaged(file, e);
    throw e;
  }
}

/** A write refused by a read-only store, as a StoreError (other errors pass through). */
export function storeWriteError(e: unknown, file: string): unknown {
  const code = String((e as { code?: unknown }).code ?? "");
  if (code.startsWith("SQLITE_READONLY")) {
    return new StoreError(
      `the simulator store ${file} is read-only: this command would change it`,
      "run it as the store's owner, or point WMCTL_HOME at a writable copy",
      "read-only",
    );
  }
  if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT")) return damaged(file, e);
  return e;
}

function lstatQuiet(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
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
        db.prepare(
          "INSERT INTO schema_versions (module, version) VALUES (?, ?) ON CONFLICT(module) DO UPDATE SET version = excluded.version",
        ).run(m.name, m.migrations.length);
      }
    }
  }).immediate();
}

/** Every module's current version (for `wmctl local status`). */
export function schemaVersions(db: Db): Record<string, number> {
  const rows = db
    .prepare<[], { module: string; version: number }>("SELECT module, version FROM schema_versions ORDER BY module")
    .all();
  return Object.fromEntries(rows.map((r) => [r.module, r.version]));
}

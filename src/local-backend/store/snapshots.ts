import { randomBytes } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { SnapshotInfo } from "../../backend/simulator-control.js";
import { ControlError } from "../control-error.js";
import type { StorePaths } from "../sim.js";
import { openDatabase, StoreVersionError, type Db, type SchemaModule } from "./database.js";
import { getMeta } from "./meta.js";
import { dataTables, hasTable, KEPT_META_KEYS, quoteIdent } from "./reset.js";
import {
  filesUnder,
  PENDING_REMOVALS_KEY,
  recordRemovals,
  removeRestoreLeftovers,
  stageSnapshotFiles,
  type PendingRemovals,
} from "./restore-files.js";

const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Snapshots live beside the store: `<store>/snapshots/<name>/` (store.db, mail/, s3/, snapshot.json). */
function snapshotsDir(paths: StorePaths): string {
  return join(paths.root, "snapshots");
}

function checkName(name: string): void {
  if (!SNAPSHOT_NAME.test(name)) {
    throw new ControlError(
      "ValidationException",
      `invalid snapshot name "${name}": use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  }
}

/** A default name: `2026-07-01T10-15-00Z`. */
export function defaultSnapshotName(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "-");
}

/**
 * Saves the whole state: a consistent copy of the database (VACUUM INTO, while other processes
 * keep working on the store) and of the mailbox and S3 folders. Written to a temporary folder,
 * then renamed, so a snapshot is either complete or absent.
 */
export function takeSnapshot(db: Db, paths: StorePaths, name: string, simulatorTime: Date): SnapshotInfo {
  checkName(name);
  const dir = join(snapshotsDir(paths), name);
  if (existsSync(dir)) throw new ControlError("ConflictException", `a snapshot named "${name}" already exists`);
  mkdirSync(snapshotsDir(paths), { recursive: true, mode: 0o700 });
  const tmp = join(snapshotsDir(paths), `.tmp-${name}-${randomBytes(4).toString("hex")}`);
  mkdirSync(tmp, { mode: 0o700 });
  try {
    db.prepare("VACUUM INTO ?").run(join(tmp, "store.db"));
    // It holds password hashes and the CA key, as the store does: its owner's only, whatever the umask.
    chmodSync(join(tmp, "store.db"), 0o600);
    for (const sub of ["mail", "s3"] as const) {
      if (existsSync(paths[sub])) cpSync(paths[sub], join(tmp, sub), { recursive: true });
    }
    const info = { name, createdAt: new Date().toISOString(), simulatorTime: simulatorTime.toISOString() };
    writeFileSync(join(tmp, "snapshot.json"), JSON.stringify(info, null, 2) + "\n", { mode: 0o600 });
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return readInfo(dir, name);
}

export function listSnapshots(paths: StorePaths): SnapshotInfo[] {
  const root = snapshotsDir(paths);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((n) => SNAPSHOT_NAME.test(n) && existsSync(join(root, n, "snapshot.json")))
    .map((n) => readInfo(join(root, n), n))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.name.localeCompare(b.name));
}

function readInfo(dir: string, name: string): SnapshotInfo {
  const raw = JSON.parse(readFileSync(join(dir, "snapshot.json"), "utf8")) as {
    createdAt: string;
    simulatorTime: string;
  };
  return {
    name,
    createdAt: new Date(raw.createdAt),
    simulatorTime: new Date(raw.simulatorTime),
    bytes: folderBytes(dir),
  };
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(p) : statSync(p).size;
  }
  return total;
}

/**
 * Replaces the whole state with a snapshot's, so that a kill at any point leaves either the old
 * state or the new one, every message row with its file:
 * 1. the snapshot's mail and S3 files are staged into the live folders (each copied under a
 *    temporary name and renamed; mail file names are UUIDs, so nothing of the old state is touched);
 * 2. one transaction on the live store swaps the data, and records the old state's files that the
 *    new one does not use, so a running server (or any other process) sees the old or the new state;
 * 3. those files are removed (or by the next restore, when this one was killed before).
 * An older snapshot is migrated first (on a copy); one from a newer wmctl is refused. The store
 * keeps its own account, credentials and served endpoint.
 */
export function restoreSnapshot(
  db: Db,
  paths: StorePaths,
  name: string,
  schemas: readonly SchemaModule[],
): SnapshotInfo {
  checkName(name);
  const dir = join(snapshotsDir(paths), name);
  if (!existsSync(join(dir, "snapshot.json")))
    throw new ControlError("ResourceNotFoundException", `no snapshot named "${name}"`);
  const info = readInfo(dir, name);
  removeRestoreLeftovers(db, paths);
  const work = join(snapshotsDir(paths), `.restore-${randomBytes(4).toString("hex")}.db`);
  cpSync(join(dir, "store.db"), work);
  chmodSync(work, 0o600);
  try {
    try {
      openDatabase(work, schemas).close();
    } catch (e) {
      if (e instanceof StoreVersionError)
        throw new ControlError("ValidationException", `snapshot "${name}": ${e.message}`);
      throw e;
    }
    const s3Before = filesUnder(paths.s3);
    const { s3Keys } = stageSnapshotFiles(dir, paths);
    db.prepare("ATTACH DATABASE ? AS snap").run(work);
    try {
      db.transaction(() => {
        db.pragma("defer_foreign_keys = ON");
        const old = {
          pending: getMeta<PendingRemovals>(db, PENDING_REMOVALS_KEY),
          mailFiles: hasTable(db, "mail_items")
            ? db.prepare<[], string>("SELECT file FROM main.mail_items").pluck().all()
            : [],
          s3Files: s3Before,
        };
        for (const t of dataTables(db)) {
          db.prepare(`DELETE FROM main.${quoteIdent(t)}`).run();
          if (!hasTable(db, t, "snap")) continue;
          const cols = (db.pragma(`main.table_info(${quoteIdent(t)})`) as { name: string }[])
            .map((c) => quoteIdent(c.name))
            .join(", ");
          db.prepare(`INSERT INTO main.${quoteIdent(t)} (${cols}) SELECT ${cols} FROM snap.${quoteIdent(t)}`).run();
        }
        if (hasTable(db, "sqlite_sequence")) {
          db.prepare("DELETE FROM main.sqlite_sequence").run();
          if (hasTable(db, "sqlite_sequence", "snap"))
            db.prepare("INSERT INTO main.sqlite_sequence SELECT * FROM snap.sqlite_sequence").run();
        }
        const kept = KEPT_META_KEYS.map(() => "?").join(", ");
        db.prepare(`DELETE FROM main.meta WHERE key NOT IN (${kept})`).run(...KEPT_META_KEYS);
        db.prepare(
          `INSERT INTO main.meta (key, value) SELECT key, value FROM snap.meta WHERE key NOT IN (${kept})`,
        ).run(...KEPT_META_KEYS);
        recordRemovals(db, old, s3Keys);
      }).immediate();
    } finally {
      db.prepare("DETACH DATABASE snap").run();
    }
  } finally {
    rmSync(work, { force: true });
    rmSync(`${work}-wal`, { force: true });
    rmSync(`${work}-shm`, { force: true });
  }
  removeRestoreLeftovers(db, paths);
  return info;
}

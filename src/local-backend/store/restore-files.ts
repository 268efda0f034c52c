import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import type { StorePaths } from "../sim.js";
import type { Db } from "./database.js";
import { getMeta, setMeta } from "./meta.js";

/** A file being copied in by a restore: written under this name, then renamed into place. */
const STAGING = /\.restoring-[0-9a-f]+$/;
/** Files an export job is still writing: not part of a snapshot's state. */
const PARTIAL = /\.partial-[^/]+$/;
/** Files the restored state no longer uses, recorded in the restore's own transaction. */
export const PENDING_REMOVALS_KEY = "restore.pendingRemovals";

export interface PendingRemovals {
  mail: string[];
  s3: string[];
}

/** Every file under `dir`, relative to it, with '/' separators. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    out.push(relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"));
  }
  return out;
}

/**
 * Copies a snapshot's mail and S3 files into the live folders before the database changes, each
 * file written under a temporary name and renamed, so the live folders hold every file of both the
 * old and the new state until the database switches. Mail files are never rewritten (their names
 * are UUIDs), so one already present is kept.
 */
export function stageSnapshotFiles(snapshotDir: string, paths: StorePaths): { s3Keys: Set<string> } {
  const s3Keys = new Set<string>();
  for (const sub of ["mail", "s3"] as const) {
    const from = join(snapshotDir, sub);
    for (const rel of filesUnder(from)) {
      if (PARTIAL.test(rel) || STAGING.test(rel)) continue;
      if (sub === "s3") s3Keys.add(rel);
      const src = join(from, rel);
      const dest = join(paths[sub], rel);
      if (existsSync(dest) && statSync(dest).size === statSync(src).size && sub === "mail") continue;
      mkdirSync(dirname(dest), { recursive: true, mode: 0o700 });
      const tmp = `${dest}.restoring-${randomBytes(4).toString("hex")}`;
      copyFileSync(src, tmp);
      renameSync(tmp, dest);
    }
  }
  return { s3Keys };
}

/**
 * Inside the restore's transaction, once the data is replaced: which files the old state used
 * and the new one does not (mail files of the old message rows; S3 objects that are not in the
 * snapshot), recorded in the store so a restore killed after its commit still removes them later.
 */
export function recordRemovals(
  db: Db,
  old: { pending: PendingRemovals | undefined; mailFiles: readonly string[]; s3Files: readonly string[] },
  s3Keys: ReadonlySet<string>,
): PendingRemovals {
  const kept = new Set(db.prepare<[], string>("SELECT file FROM main.mail_items").pluck().all());
  const pending = old.pending ?? { mail: [], s3: [] };
  const removals: PendingRemovals = {
    mail: [...new Set([...pending.mail, ...old.mailFiles])].filter((f) => !kept.has(f)),
    s3: [...new Set([...pending.s3, ...old.s3Files])].filter((k) => !s3Keys.has(k)),
  };
  setMeta(db, PENDING_REMOVALS_KEY, removals);
  return removals;
}

/**
 * Removes the files a committed restore left for removal, and the temporary files of a restore
 * that was killed while copying; then forgets the list.
 */
export function removeRestoreLeftovers(db: Db, paths: StorePaths): void {
  const pending = getMeta<PendingRemovals>(db, PENDING_REMOVALS_KEY);
  if (pending !== undefined) {
    const mailInUse = new Set(db.prepare<[], string>("SELECT file FROM mail_items").pluck().all());
    for (const f of pending.mail) if (!mailInUse.has(f)) rmSync(join(paths.mail, f), { force: true });
    for (const k of pending.s3) rmSync(join(paths.s3, k), { force: true });
    db.prepare("DELETE FROM meta WHERE key = ?").run(PENDING_REMOVALS_KEY);
  }
  for (const sub of ["mail", "s3"] as const) {
    for (const rel of filesUnder(paths[sub])) if (STAGING.test(rel)) rmSync(join(paths[sub], rel), { force: true });
  }
}

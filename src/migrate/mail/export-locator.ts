import { createWriteStream, type Dirent, existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import type { ExportStorage } from "../../backend/export-storage.js";
import { UsageError } from "../../errors/cli-error.js";
import type { LedgerJob } from "../../export-jobs/ledger.js";

/** Where the export zips are: as the export ledger recorded them, another bucket/prefix, or a local folder. */
export type ExportOrigin =
  | { readonly kind: "ledger" }
  | { readonly kind: "s3"; readonly bucket: string; readonly prefix: string }
  | { readonly kind: "dir"; readonly dir: string };

/** A mailbox's newest completed export job. */
export interface ExportedMailbox {
  readonly mailbox: string;
  readonly email: string | undefined;
  readonly jobId: string;
  readonly bucket: string;
  readonly s3Path: string;
}

export function parseFrom(text: string | undefined): ExportOrigin {
  if (text === undefined) return { kind: "ledger" };
  if (text.startsWith("s3://")) {
    const rest = text.slice(5);
    const slash = rest.indexOf("/");
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    if (bucket === "") throw new UsageError(`--from ${text}: name a bucket, s3://BUCKET[/PREFIX]`);
    return { kind: "s3", bucket, prefix: slash < 0 ? "" : rest.slice(slash + 1).replace(/\/+$/, "") };
  }
  if (!existsSync(text))
    throw new UsageError(
      `--from ${text}: no such folder`,
      "give the folder holding the export zips, or s3://bucket/prefix",
    );
  return { kind: "dir", dir: resolve(text) };
}

/**
 * The newest COMPLETED export of each mailbox that the export ledger (`export all`, `export start`)
 * knows, by lower-case email address and by name.
 */
export function exportedMailboxes(jobs: readonly LedgerJob[]): Map<string, ExportedMailbox> {
  const newest = new Map<string, LedgerJob>();
  for (const j of jobs) {
    if (j.state !== "COMPLETED" || j.s3Path === undefined) continue;
    const n = newest.get(j.entityId);
    if (n === undefined || (j.startTime ?? "") >= (n.startTime ?? "")) newest.set(j.entityId, j);
  }
  const out = new Map<string, ExportedMailbox>();
  for (const j of newest.values()) {
    const e: ExportedMailbox = {
      mailbox: j.mailbox,
      email: j.email,
      jobId: j.jobId,
      bucket: j.bucket,
      s3Path: j.s3Path as string,
    };
    out.set(j.mailbox.toLowerCase(), e);
    if (j.email !== undefined) out.set(j.email.toLowerCase(), e);
  }
  return out;
}

/** A zip on local disk (downloaded to a temporary folder from S3), and how to let go of it. */
export interface LocalZip {
  readonly path: string;
  /** The export log beside it, parsed, if there is one. */
  readonly logKey: { bucket: string; key: string } | { path: string } | undefined;
  release(): Promise<void>;
}

/**
 * Finds a mailbox's export zip: in a --from folder as `<job id>.zip` (at any depth) or
 * `<mailbox>.zip`; in a --from bucket/prefix as `<prefix>/<job id>.zip`; else where the ledger
 * says. yauzl needs random access, so a zip in S3 is downloaded to a temporary file first.
 */
export async function locateZip(
  mailbox: string,
  found: ExportedMailbox | undefined,
  origin: ExportOrigin,
  storage: () => Promise<ExportStorage>,
): Promise<LocalZip | undefined> {
  if (origin.kind === "dir") {
    const names = [
      found === undefined ? undefined : `${found.jobId}.zip`,
      `${mailbox}.zip`,
      found?.email === undefined ? undefined : `${found.email}.zip`,
    ].filter((n): n is string => n !== undefined);
    const path = findFile(origin.dir, new Set(names.map((n) => n.toLowerCase())), 4);
    if (path === undefined) return undefined;
    const log = path.replace(/\.zip$/i, ".log.json");
    return { path, logKey: existsSync(log) ? { path: log } : undefined, release: async () => undefined };
  }
  if (found === undefined) return undefined;
  const bucket = origin.kind === "s3" ? origin.bucket : found.bucket;
  const key =
    origin.kind === "s3" ? [origin.prefix, `${found.jobId}.zip`].filter((s) => s !== "").join("/") : found.s3Path;
  const s = await storage();
  if ((await s.size(bucket, key)) === undefined) return undefined;
  const { findExportLog } = await import("../../backend/export-storage.js");
  const logKey = await findExportLog(s, bucket, key);
  const log = logKey === undefined ? undefined : { bucket, key: logKey };
  if (s.kind === "local") return { path: s.location(bucket, key), logKey: log, release: async () => undefined };
  const temp = await mkdtemp(join(tmpdir(), "wmctl-migrate-"));
  const path = join(temp, "export.zip");
  await pipeline(await s.read(bucket, key), createWriteStream(path, { mode: 0o600 }));
  return { path, logKey: log, release: () => rm(temp, { recursive: true, force: true }) };
}

function findFile(dir: string, names: ReadonlySet<string>, depth: number): string | undefined {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const e of entries) if (e.isFile() && names.has(e.name.toLowerCase())) return join(dir, e.name);
  if (depth > 0)
    for (const e of entries)
      if (e.isDirectory()) {
        const f = findFile(join(dir, e.name), names, depth - 1);
        if (f !== undefined) return f;
      }
  return undefined;
}

import { createHash } from "node:crypto";
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sim, StorePaths } from "../sim.js";
import { EXPORTED_FOLDER_KINDS } from "../mail/folders.js";
import { itemFile } from "../mail/mailbox-store.js";

/** The export log, with the guide's fields; every value is a string, as the service writes it. */
interface ExportLog {
  totalNonExportableItems: string;
  totalMessages: string;
  sha384Hash: string;
  totalBytes: string;
  totalFolders: string;
  startTime: string;
  endTime: string;
}

export interface ExportTarget {
  readonly orgId: string;
  readonly entityId: string;
  /** Absolute paths of the zip and the log in the bucket's folder. */
  readonly zipPath: string;
  readonly logPath: string;
  /** Simulator time of the job's start (the log's startTime). */
  readonly startedAt: number;
  /** A unique suffix for the partial file. */
  readonly leaseId: string;
}

export interface ExportOutcome {
  readonly totalMessages: number;
  readonly totalBytes: number;
  readonly totalFolders: number;
  readonly totalNonExportableItems: number;
  readonly sha384: string;
  readonly zipBytes: number;
}

export interface ExportIo {
  readonly paths: StorePaths;
  tx<T>(fn: (sim: Sim) => T): T;
  /** Reports bytes of messages written so far; returns false when the job must stop (lease lost, cancelled). */
  heartbeat(bytesDone: number): boolean;
}

interface ItemRow {
  seq: number;
  folder_path: string;
  file: string;
  size: number;
  delivered_at: number;
}

const PAGE = 500;
/** Reads ahead of the zip writer: at most this many messages or bytes in memory at once. */
const READ_AHEAD_ITEMS = 64;
const READ_AHEAD_BYTES = 16 * 1024 * 1024;
const HEARTBEAT_BYTES = 8 * 1024 * 1024;

export class ExportStopped extends Error {}

/**
 * Writes a mailbox's email messages and calendar items, in MIME format and by folder, to a .zip
 * (yazl, entries stored: mailbox content is mostly already-compressed attachments, and storing
 * keeps the export above 50 MB/s), hashing it with SHA-384 as it streams. Memory stays flat: the
 * index is read a page at a time and message files are read a bounded window ahead of the writer.
 * The zip is written beside its final key and renamed into place when complete; then the log.
 */
export async function writeExport(io: ExportIo, target: ExportTarget, endTimeOf: () => number): Promise<ExportOutcome> {
  const { default: yazl } = await import("yazl");
  const folders = io.tx((sim) =>
    sim.db
      .prepare<unknown[], { path: string; created_at: number }>(
        `SELECT path, created_at FROM mail_folders WHERE org_id = ? AND entity_id = ? AND kind IN (${EXPORTED_FOLDER_KINDS.map(() => "?").join(", ")}) ORDER BY path`,
      )
      .all(target.orgId, target.entityId, ...EXPORTED_FOLDER_KINDS),
  );
  const nonExportable = io.tx(
    (sim) =>
      sim.db
        .prepare<unknown[], { n: number }>(
          `SELECT count(*) AS n FROM mail_items i JOIN mail_folders f ON f.id = i.folder_id
            WHERE i.org_id = ? AND i.entity_id = ? AND (i.kind = 'contact' OR f.kind NOT IN (${EXPORTED_FOLDER_KINDS.map(() => "?").join(", ")}))`,
        )
        .get(target.orgId, target.entityId, ...EXPORTED_FOLDER_KINDS)?.n ?? 0,
  );

  mkdirSync(dirname(target.zipPath), { recursive: true, mode: 0o700 });
  const partial = `${target.zipPath}.partial-${target.leaseId}`;
  const zip = new yazl.ZipFile();
  const hash = createHash("sha384");
  let zipBytes = 0;
  const hasher = new PassThrough({ highWaterMark: 1 << 20 });
  hasher.on("data", (chunk: Buffer) => {
    hash.update(chunk);
    zipBytes += chunk.length;
  });
  const written = pipeline(
    zip.outputStream as NodeJS.ReadableStream,
    hasher,
    createWriteStream(partial, { highWaterMark: 1 << 20, mode: 0o600 }),
  );

  let messages = 0;
  let bytes = 0;
  const produce = async () => {
    for (const f of folders) zip.addEmptyDirectory(f.path, { mtime: new Date(f.created_at) });
    const reads: Array<{ item: ItemRow; data: Promise<Buffer | undefined> }> = [];
    let readBytes = 0;
    let zipPending = 0;
    let wake: (() => void) | undefined;
    let lastBeat = 0;
    const addToZip = async (next: { item: ItemRow; data: Promise<Buffer | undefined> }) => {
      const data = await next.data;
      readBytes -= next.item.size;
      if (data === undefined) {
        // Deleted while exporting (retention, the 30-day rule): not exported. A message the index
        // still holds whose file is gone is a damaged store: the job fails, never a short export.
        const indexed = io.tx(
          (sim) => sim.db.prepare("SELECT 1 FROM mail_items WHERE seq = ?").get(next.item.seq) !== undefined,
        );
        if (indexed)
          throw new Error(
            `the file of message ${next.item.seq} (${next.item.file}) is missing from the store's mail folder`,
          );
        return;
      }
      // Do not run further ahead of the writer than the window allows.
      while (zipPending > READ_AHEAD_BYTES) await new Promise<void>((r) => (wake = r));
      zipPending += data.length;
      // The zip keeps each entry's read function until the end: hand the bytes over once.
      const box: { data: Buffer | undefined } = { data };
      zip.addReadStreamLazy(
        `${next.item.folder_path}/${next.item.seq}.eml`,
        { size: data.length, mtime: new Date(next.item.delivered_at), compress: false },
        (cb) => {
          const d = box.data as Buffer;
          box.data = undefined;
          zipPending -= d.length;
          const w = wake;
          wake = undefined;
          w?.();
          cb(null, Readable.from([d]));
        },
      );
      messages++;
      bytes += data.length;
      if (bytes - lastBeat >= HEARTBEAT_BYTES) {
        lastBeat = bytes;
        if (!io.heartbeat(bytes)) throw new ExportStopped("the export job was stopped");
      }
    };
    for (let after = 0; ; ) {
      const page = io.tx((sim) => itemsPage(sim, target, after));
      if (page.length === 0) break;
      after = (page[page.length - 1] as ItemRow).seq;
      for (const item of page) {
        const data = readFile(itemFile(io.paths, item.file)).catch(missingAsUndefined);
        data.catch(() => undefined); // awaited below; a stopped export must not leave it unhandled
        reads.push({ item, data });
        readBytes += item.size;
        while (reads.length >= READ_AHEAD_ITEMS || (readBytes > READ_AHEAD_BYTES && reads.length > 1))
          await addToZip(reads.shift() as (typeof reads)[number]);
      }
    }
    while (reads.length > 0) await addToZip(reads.shift() as (typeof reads)[number]);
    zip.end();
  };

  try {
    await Promise.all([
      produce().catch((e: unknown) => {
        (zip.outputStream as unknown as Readable).destroy(e as Error);
        throw e;
      }),
      written,
    ]);
    io.heartbeat(bytes);
    const sha384 = hash.digest("hex");
    renameSync(partial, target.zipPath);
    const log: ExportLog = {
      totalNonExportableItems: String(nonExportable),
      totalMessages: String(messages),
      sha384Hash: sha384,
      totalBytes: String(bytes),
      totalFolders: String(folders.length),
      startTime: String(Math.floor(target.startedAt / 1000)),
      endTime: String(Math.floor(endTimeOf() / 1000)),
    };
    writeFileSync(`${target.logPath}.partial-${target.leaseId}`, JSON.stringify(log, null, 2) + "\n", { mode: 0o600 });
    renameSync(`${target.logPath}.partial-${target.leaseId}`, target.logPath);
    return {
      totalMessages: messages,
      totalBytes: bytes,
      totalFolders: folders.length,
      totalNonExportableItems: nonExportable,
      sha384,
      zipBytes,
    };
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}

function itemsPage(sim: Sim, target: ExportTarget, after: number): ItemRow[] {
  return sim.db
    .prepare<unknown[], ItemRow>(
      `SELECT i.seq, f.path AS folder_path, i.file, i.size, i.delivered_at
         FROM mail_items i JOIN mail_folders f ON f.id = i.folder_id
        WHERE i.org_id = ? AND i.entity_id = ? AND i.seq > ? AND i.kind IN ('message', 'calendar')
          AND f.kind IN (${EXPORTED_FOLDER_KINDS.map(() => "?").join(", ")})
        ORDER BY i.seq LIMIT ?`,
    )
    .all(target.orgId, target.entityId, after, ...EXPORTED_FOLDER_KINDS, PAGE);
}

function missingAsUndefined(e: unknown): undefined {
  if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
  throw e;
}

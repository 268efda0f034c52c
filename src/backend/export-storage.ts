import type { Readable } from "node:stream";

/**
 * Where mailbox export jobs put their zip and log: the simulator's bucket folders
 * (`$WMCTL_HOME/s3/<bucket>/<key>`) on the local backend, Amazon S3 on the aws backend.
 * `export verify` reads exports through this port; it is built lazily (the S3 SDK loads only when
 * a command needs it).
 */
export interface ExportStorage {
  readonly kind: "local" | "s3";
  /** A path or URL an admin can use: `/home/me/.local/share/wmctl/s3/b/k.zip` or `s3://b/k.zip`. */
  location(bucket: string, key: string): string;
  /** The object's size, or undefined when there is no such object. */
  size(bucket: string, key: string): Promise<number | undefined>;
  /** Streams an object (NotFoundError when missing). */
  read(bucket: string, key: string): Promise<Readable>;
}

/**
 * Where a job's export log may be, next to its zip. The simulator writes `<job>.log.json`; the
 * service's own name for the log is not documented, so the other spellings are tried too.
 */
export function exportLogKeys(s3Path: string): string[] {
  const base = s3Path.replace(/\.zip$/i, "");
  return [`${base}.log.json`, `${base}.json`, `${base}.log`, `${base}/log.json`];
}

/** The key of the export log beside a job's zip (the first of `exportLogKeys` that exists), if any. */
export async function findExportLog(
  storage: ExportStorage,
  bucket: string,
  s3Path: string,
): Promise<string | undefined> {
  for (const key of exportLogKeys(s3Path)) if ((await storage.size(bucket, key)) !== undefined) return key;
  return undefined;
}

const MAX_LOG_BYTES = 1024 * 1024;

/** An export log, parsed as JSON; throws when it is larger than 1 MB or not JSON. */
export async function readExportLog(
  storage: ExportStorage,
  bucket: string,
  key: string,
): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of await storage.read(bucket, key)) {
    const b = typeof c === "string" ? Buffer.from(c) : (c as Buffer);
    size += b.length;
    if (size > MAX_LOG_BYTES) throw new Error("the log is larger than 1 MB");
    chunks.push(b);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
}

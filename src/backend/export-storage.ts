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

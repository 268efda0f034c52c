// fs.promises, not node:fs/promises: the getter loads it on first use, and every command imports this
// file while few read a user file (about 1.5 ms of startup).
import { promises as fs, type Stats } from "node:fs";
import { UsageError } from "../errors/cli-error.js";

/**
 * Checks a file an admin named (`--users FILE`, `--password-file`, a message to deliver): it exists,
 * is a regular file (never /dev/zero, a FIFO or a folder, which would hang or never end) and is not
 * larger than `maxBytes`. Problems are one UsageError naming the flag and the file.
 */
export async function checkUserFile(file: string, what: string, maxBytes?: number): Promise<Stats> {
  let st: Stats;
  try {
    st = await fs.stat(file);
  } catch (e) {
    throw userFileError(e, file, what);
  }
  if (st.isDirectory()) throw new UsageError(`${what} ${file} is a folder`);
  if (!st.isFile()) throw new UsageError(`${what} ${file} is not a regular file`);
  if (maxBytes !== undefined && st.size > maxBytes)
    throw new UsageError(`${what} ${file} is larger than ${sizeText(maxBytes)} (${sizeText(st.size)})`);
  return st;
}

/** Reads a file an admin named, after checkUserFile; never more than `maxBytes` even if it grows meanwhile. */
export async function readUserFile(file: string, what: string, maxBytes: number): Promise<Buffer> {
  await checkUserFile(file, what, maxBytes);
  try {
    const handle = await fs.open(file, "r");
    try {
      const buf = Buffer.alloc(maxBytes + 1);
      let n = 0;
      for (let r = 1; r > 0 && n < buf.length; n += r) r = (await handle.read(buf, n, buf.length - n, null)).bytesRead;
      if (n > maxBytes) throw new UsageError(`${what} ${file} is larger than ${sizeText(maxBytes)}`);
      return buf.subarray(0, n);
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw userFileError(e, file, what);
  }
}

/** A Node file-system error on a file an admin named, as one readable line. */
export function userFileError(e: unknown, file: string, what: string): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return new UsageError(`${what} ${file} does not exist`);
    case "ENOTDIR":
      return new UsageError(`${what} ${file}: a part of the path is not a folder`);
    case "ELOOP":
      return new UsageError(`${what} ${file}: too many levels of symbolic links (a symlink loop?)`);
    case "EACCES":
    case "EPERM":
      return new UsageError(`${what} ${file}: permission denied`);
    case "EISDIR":
      return new UsageError(`${what} ${file} is a folder`);
    default:
      return new UsageError(`cannot read ${what} ${file}: ${code ?? (e as Error).message}`);
  }
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

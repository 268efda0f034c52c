import { open, readFile, stat, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { UsageError } from "../errors/cli-error.js";
import type { GeneratedPassword } from "./session.js";

const HEADER = "name,email,password";

/**
 * `--passwords-out FILE`, checked before anything changes: a new file in an existing folder, or
 * a passwords file an earlier (perhaps killed) run wrote, which is appended to, never overwritten
 * (a re-run creates only the users still missing). Returns whether the file exists already.
 */
export async function checkPasswordsFile(path: string): Promise<{ exists: boolean }> {
  try {
    await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT")
      throw new UsageError(`--passwords-out ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    try {
      if (!(await stat(dirname(path))).isDirectory()) throw new Error("not a folder");
    } catch {
      throw new UsageError(`--passwords-out ${path}: the folder ${dirname(path)} does not exist`);
    }
    return { exists: false };
  }
  if (await isPasswordsFile(path)) return { exists: true };
  throw new UsageError(
    `--passwords-out ${path} already exists`,
    "give a new file name: overwriting it would lose the passwords it holds",
  );
}

async function isPasswordsFile(path: string): Promise<boolean> {
  try {
    const s = await stat(path);
    if (!s.isFile() || s.size > 64 * 1024 * 1024) return false;
    return (await readFile(path, "utf8")).split(/\r?\n/, 1)[0] === HEADER;
  } catch {
    return false;
  }
}

/**
 * The passwords file as a journal: each line (name,email,password) is appended and fsync'd before
 * the CreateUser that uses the password, so a run killed at any point keeps the password of every
 * user it created. A user whose creation then failed may have a line too (the report lists the
 * failure); when a name appears twice, the last line holds its password. Lines that arrive while
 * a sync runs are written and synced together (group commit), so concurrent creates do not wait
 * for one fsync each. Mode 0600; the file is created on the first password only.
 */
export class PasswordsJournal {
  private fh: FileHandle | undefined;
  private pending: Array<{ p: GeneratedPassword; done: () => void; fail: (e: unknown) => void }> = [];
  private flushing: Promise<void> | undefined;
  private written = 0;

  constructor(private readonly path: string) {}

  /** How many passwords this run appended. */
  get count(): number {
    return this.written;
  }

  /** Resolves once the line is on disk. */
  append(p: GeneratedPassword): Promise<void> {
    return new Promise((done, fail) => {
      this.pending.push({ p, done, fail });
      this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
    });
  }

  private async flush(): Promise<void> {
    const { stringify } = await import("csv-stringify/sync");
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      try {
        const fh = await this.open();
        await fh.write(stringify(batch.map(({ p }) => [p.name, p.email ?? "", p.password])));
        await fh.sync();
        this.written += batch.length;
        for (const b of batch) b.done();
      } catch (e) {
        for (const b of batch) b.fail(e);
      }
    }
  }

  private async open(): Promise<FileHandle> {
    if (this.fh !== undefined) return this.fh;
    const fresh = !(await isPasswordsFile(this.path));
    // "wx" for a new file: never truncate one that appeared meanwhile.
    const fh = await open(this.path, fresh ? "wx" : "a", 0o600);
    await fh.chmod(0o600);
    if (fresh) await fh.write(`${HEADER}\n`);
    this.fh = fh;
    return fh;
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.fh?.close();
    this.fh = undefined;
  }
}

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
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new UsageError(`--passwords-out ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    try {
      if (!(await stat(dirname(path))).isDirectory()) throw new Error("not a folder");
    } catch {
      throw new UsageError(`--passwords-out ${path}: the folder ${dirname(path)} does not exist`);
    }
    return { exists: false };
  }
  if (await isPasswordsFile(path)) return { exists: true };
  throw new UsageError(`--passwords-out ${path} already exists`, "give a new file name: overwriting it would lose the passwords it holds");
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
 * The passwords file as a journal: each line (name,email,password) is appended and fsync'd just
 * before the CreateUser that uses the password, so a run killed at any point keeps the password of
 * every user it created. A user whose creation then failed may have a line too (the report lists
 * the failure); when a name appears twice, the last line holds its password. Mode 0600; the file
 * is created on the first password only.
 */
export class PasswordsJournal {
  private fh: FileHandle | undefined;
  private chain: Promise<void> = Promise.resolve();
  private written = 0;

  constructor(private readonly path: string) {}

  /** How many passwords this run appended. */
  get count(): number {
    return this.written;
  }

  append(p: GeneratedPassword): Promise<void> {
    const next = this.chain.then(() => this.write(p));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async write(p: GeneratedPassword): Promise<void> {
    const { stringify } = await import("csv-stringify/sync");
    if (this.fh === undefined) {
      const fresh = !(await isPasswordsFile(this.path));
      // "wx" for a new file: never truncate one that appeared meanwhile.
      this.fh = await open(this.path, fresh ? "wx" : "a", 0o600);
      await this.fh.chmod(0o600);
      if (fresh) await this.fh.write(`${HEADER}\n`);
    }
    await this.fh.write(stringify([[p.name, p.email ?? "", p.password]]));
    await this.fh.sync();
    this.written++;
  }

  async close(): Promise<void> {
    await this.chain;
    await this.fh?.close();
    this.fh = undefined;
  }
}

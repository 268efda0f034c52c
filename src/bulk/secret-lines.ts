import { chmodSync, closeSync, fdatasyncSync, fstatSync, openSync, writeSync } from "node:fs";
import { UsageError } from "../errors/cli-error.js";

/**
 * `--passwords-out FILE`: the generated passwords, one CSV line (row,name,password) each, appended
 * as each is made and before the call that sets it, so a killed run loses none; mode 0600 (also
 * when the file existed), fsynced in batches and at the end. A resumed run appends: for a name
 * listed twice the last line holds.
 */
export class PasswordsOut {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private stringify: ((records: string[][]) => string) | undefined;

  private constructor(
    readonly file: string,
    private fd: number | undefined,
  ) {}

  static async open(file: string): Promise<PasswordsOut> {
    let fd: number;
    try {
      fd = openSync(file, "a", 0o600);
      chmodSync(file, 0o600);
    } catch (e) {
      throw new UsageError(`--passwords-out ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const out = new PasswordsOut(file, fd);
    const { stringify } = await import("csv-stringify/sync");
    out.stringify = (records) => stringify(records);
    if (fstatSync(fd).size === 0) out.write(["row", "name", "password"]);
    return out;
  }

  add(row: number, name: string, password: string): void {
    this.write([String(row), name, password]);
  }

  close(): void {
    if (this.fd === undefined) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.dirty) fdatasyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
  }

  private write(cells: string[]): void {
    if (this.fd === undefined || this.stringify === undefined) throw new Error("the passwords file is closed");
    writeSync(this.fd, this.stringify([cells]));
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      if (this.fd !== undefined && this.dirty) fdatasyncSync(this.fd);
      this.dirty = false;
    }, 100);
  }
}

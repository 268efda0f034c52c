import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import { UsageError } from "../errors/cli-error.js";
import { writeFileAtomic } from "../inventory/inventory-files.js";
import type { GeneratedPassword } from "./session.js";

/**
 * `--passwords-out FILE` must be a new file in an existing folder, checked before the restore
 * starts: overwriting an earlier file would lose the passwords it holds (a re-run creates only
 * the users still missing).
 */
export async function checkPasswordsFile(path: string): Promise<void> {
  try {
    await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new UsageError(`--passwords-out ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    try {
      if (!(await stat(dirname(path))).isDirectory()) throw new Error("not a folder");
    } catch {
      throw new UsageError(`--passwords-out ${path}: the folder ${dirname(path)} does not exist`);
    }
    return;
  }
  throw new UsageError(`--passwords-out ${path} already exists`, "give a new file name: overwriting it would lose the passwords it holds");
}

/** name,email,password per new user; mode 0600, written once at the end of the restore. */
export async function writePasswordsFile(path: string, passwords: readonly GeneratedPassword[]): Promise<void> {
  const { stringify } = await import("csv-stringify/sync");
  const text = stringify([["name", "email", "password"], ...passwords.map((p) => [p.name, p.email ?? "", p.password])]);
  await writeFileAtomic(path, text);
}

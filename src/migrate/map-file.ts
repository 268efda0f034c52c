import { readFile, stat } from "node:fs/promises";
import { UsageError } from "../errors/cli-error.js";

/** One row of the user map: a WorkMail mailbox and the login it lands on. */
export interface MapEntry {
  /** The WorkMail mailbox's primary email address (or name), as written in the map. */
  readonly mailbox: string;
  readonly targetLogin: string;
  /** The target password from the map's `password` column (only from a 0600 file). */
  readonly password: string | undefined;
  /** The source password from `source_password` (for --from-imap; only from a 0600 file). */
  readonly sourcePassword: string | undefined;
  /** The source login from `source_login` (for --from-imap; default: the mailbox). */
  readonly sourceLogin: string | undefined;
}

const SECRET_COLUMNS = ["password", "source_password"];

/**
 * Reads the user map `migrate plan` writes: CSV with a header `mailbox,target_login` and optional
 * `password`, `source_login`, `source_password` columns. A file with a password column must be
 * mode 0600 or stricter. Duplicate mailboxes, empty cells and unknown columns are refused (exit 2),
 * naming the line.
 */
export async function readMapFile(file: string): Promise<MapEntry[]> {
  let text: string;
  let mode: number;
  try {
    mode = (await stat(file)).mode;
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new UsageError(
      `cannot read the map file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return parseMapFile(text, file, mode);
}

export async function parseMapFile(text: string, file: string, mode: number): Promise<MapEntry[]> {
  const { parse } = await import("csv-parse/sync");
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    throw new UsageError(`${file} is not valid CSV: ${(e as Error).message}`);
  }
  const header = (rows.shift() ?? []).map((h) => h.toLowerCase().replace(/[\s-]+/g, "_"));
  const col = (name: string) => header.indexOf(name);
  if (col("mailbox") < 0 || col("target_login") < 0)
    throw new UsageError(
      `${file} needs a header row with the columns mailbox,target_login (found: ${header.join(",") || "nothing"})`,
    );
  const known = new Set(["mailbox", "target_login", "password", "source_login", "source_password"]);
  const unknown = header.filter((h) => !known.has(h));
  if (unknown.length > 0)
    throw new UsageError(`${file}: unknown column ${unknown.join(", ")} (known: ${[...known].join(", ")})`);
  const secrets = SECRET_COLUMNS.filter((c) => col(c) >= 0);
  if (secrets.length > 0 && (mode & 0o077) !== 0) {
    throw new UsageError(
      `${file} has a ${secrets[0]} column but other users can read it (mode ${(mode & 0o777).toString(8)})`,
      `chmod 600 ${file}`,
    );
  }
  const seen = new Map<string, number>();
  return rows.map((r, i) => {
    const line = i + 2;
    const cell = (name: string) => {
      const c = col(name);
      const v = c < 0 ? undefined : r[c];
      return v === undefined || v === "" ? undefined : v;
    };
    const mailbox = cell("mailbox");
    const targetLogin = cell("target_login");
    if (mailbox === undefined || targetLogin === undefined)
      throw new UsageError(`${file} line ${line}: mailbox and target_login must not be empty`);
    const key = mailbox.toLowerCase();
    if (seen.has(key))
      throw new UsageError(`${file} line ${line}: ${mailbox} is already mapped on line ${seen.get(key)}`);
    seen.set(key, line);
    return {
      mailbox,
      targetLogin,
      password: cell("password"),
      sourcePassword: cell("source_password"),
      sourceLogin: cell("source_login"),
    };
  });
}

import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { UsageError } from "../errors/cli-error.js";
import { INVENTORY_FILE, INVENTORY_FORMAT, INVENTORY_FORMAT_VERSION, type InventoryDocument } from "./document.js";
import { tableCsv, type Table } from "./tables.js";
import { writeTemp } from "../io/atomic-file.js";
import { checkInventoryShape } from "./inventory-shape.js";

/**
 * Checks, before anything is collected, that `dir` can take an inventory: it does not exist, is
 * empty, or holds an earlier wmctl inventory (which is replaced). Returns the earlier inventory's
 * CSV files (to remove the ones the new inventory no longer writes).
 */
export async function prepareOutDir(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return [];
    if (code === "ENOTDIR") throw new UsageError(`--out ${dir} is a file, not a folder`);
    throw new UsageError(`cannot read the folder ${dir}: ${code ?? (e as Error).message}`);
  }
  // Temporary files of an earlier run that was killed while writing: wmctl's own, removed.
  for (const e of entries.filter((n) => TEMP_FILE.test(n))) await rm(join(dir, e), { force: true });
  const visible = entries.filter((e) => !e.startsWith("."));
  if (visible.length === 0) return [];
  if (!visible.includes(INVENTORY_FILE)) {
    throw new UsageError(
      `--out ${dir} is not empty and holds no wmctl inventory`,
      "pick a new or empty folder (an earlier inventory there is replaced)",
    );
  }
  try {
    const previous = JSON.parse(await readFile(join(dir, INVENTORY_FILE), "utf8")) as Partial<InventoryDocument>;
    if (previous.format !== INVENTORY_FORMAT) throw new Error("not an inventory");
    return (previous.files ?? []).filter((f) => typeof f === "string" && basename(f) === f && f.endsWith(".csv"));
  } catch {
    throw new UsageError(
      `--out ${dir} holds an ${INVENTORY_FILE} that is not a wmctl inventory`,
      "pick a new or empty folder",
    );
  }
}

/**
 * Writes inventory.json and one CSV per table into `dir` (created 0700; files 0600: the
 * directory holds personal data). Every file is first written under a temporary name beside its
 * final one; only when all are written are they renamed into place, inventory.json last. A write
 * that fails (a full disk) removes the temporary files, so the folder is left as it was; a run
 * killed while writing leaves only temporary files, which the next run removes. Returns the CSV names.
 */
export async function writeInventoryDir(
  dir: string,
  doc: InventoryDocument,
  tables: ReadonlyMap<string, Table>,
  previousFiles: readonly string[],
): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files: string[] = [];
  const staged: Array<{ tmp: string; path: string }> = [];
  try {
    for (const [name, table] of tables) {
      const file = `${name}.csv`;
      staged.push(await writeTemp(join(dir, file), await tableCsv(table)));
      files.push(file);
    }
    doc.files = files;
    staged.push(await writeTemp(join(dir, INVENTORY_FILE), JSON.stringify(doc, null, 2) + "\n"));
  } catch (e) {
    await Promise.all(staged.map((f) => rm(f.tmp, { force: true })));
    throw e;
  }
  for (const f of staged) await rename(f.tmp, f.path);
  for (const old of previousFiles) if (!files.includes(old)) await rm(join(dir, old), { force: true });
  return files;
}

/** The temporary name a file is written under before it is renamed into place. */
const TEMP_FILE = /^\..+\.\d+\.tmp$/;

/** Reads an inventory from a folder (its inventory.json) or from the JSON file itself, and checks it. */
export async function readInventory(from: string): Promise<{ doc: InventoryDocument; path: string }> {
  let path = from;
  try {
    if ((await stat(from)).isDirectory()) path = join(from, INVENTORY_FILE);
  } catch {
    throw new UsageError(`--from ${from} does not exist`, "write an inventory first: wmctl org inventory --out DIR");
  }
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new UsageError(`there is no ${INVENTORY_FILE} in ${from}`, "write one with: wmctl org inventory --out DIR");
    throw new UsageError(`cannot read ${path}: ${code ?? (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const r = raw as Partial<InventoryDocument> | null;
  if (r === null || typeof r !== "object" || r.format !== INVENTORY_FORMAT)
    throw new UsageError(`${path} is not a wmctl inventory (no "format": "${INVENTORY_FORMAT}")`);
  if (typeof r.formatVersion !== "number" || r.formatVersion > INVENTORY_FORMAT_VERSION) {
    throw new UsageError(
      `${path} has inventory format ${String(r.formatVersion)}; this wmctl reads format ${INVENTORY_FORMAT_VERSION} and earlier`,
      `it was written by wmctl ${String(r.wmctlVersion ?? "?")}: upgrade wmctl to restore it`,
    );
  }
  const problem = checkInventoryShape(r);
  if (problem !== undefined)
    throw new UsageError(`${path}: ${problem}`, "the file was edited or is damaged; take the inventory again");
  return { doc: r as InventoryDocument, path };
}

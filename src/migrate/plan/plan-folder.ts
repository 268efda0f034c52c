import { mkdir, open, readdir, readFile, rename, rm, rmdir } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "../../errors/cli-error.js";

/** The marker of a plan folder: what wrote it and which files are its own. */
const PLAN_FILE = "plan.json";
export const PLAN_FORMAT = "wmctl-migration-plan";

export interface PlanFile {
  /** Path inside the folder (`zones/example.com.zone`). */
  readonly path: string;
  readonly text: string;
  /** File mode: 0600 for files with personal data, 0644 for the rest. */
  readonly mode: number;
  /** Start with a UTF-8 byte order mark (Windows PowerShell 5.1, Google's CSV upload). */
  readonly bom?: boolean;
  /** What it holds, for the summary (`42 addresses`). */
  readonly holds?: string;
}

export type OutState =
  | { kind: "new" }
  | { kind: "empty" }
  | { kind: "previous-plan"; files: string[] }
  | { kind: "forced"; previous: string[] };

/**
 * Checks `--out` before anything is collected: new, empty, a previous plan (replaced), or other
 * content (refused unless --force; then only the plan's own files are written into it).
 */
export async function prepareOutDir(dir: string, force: boolean): Promise<OutState> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { kind: "new" };
    if (code === "ENOTDIR") throw new UsageError(`--out ${dir} is a file, not a folder`);
    throw new UsageError(`cannot read the folder ${dir}: ${code ?? (e as Error).message}`);
  }
  if (entries.length === 0) return { kind: "empty" };
  if (entries.includes(PLAN_FILE)) {
    try {
      const previous = JSON.parse(await readFile(join(dir, PLAN_FILE), "utf8")) as {
        format?: unknown;
        files?: unknown;
      };
      if (previous.format === PLAN_FORMAT && Array.isArray(previous.files)) {
        const own = new Set([PLAN_FILE, ...previous.files.filter((f): f is string => typeof f === "string")]);
        const tops = new Set([...own].map((f) => f.split("/")[0] as string));
        const foreign = entries.filter((e) => !tops.has(e));
        if (foreign.length === 0) return { kind: "previous-plan", files: [...own] };
        if (force) return { kind: "forced", previous: [...own] };
        throw new UsageError(
          `--out ${dir} holds a previous plan and other files (${foreign.slice(0, 3).join(", ")})`,
          "move them away, or pass --force to write the plan's files among them",
        );
      }
    } catch (e) {
      if (e instanceof UsageError) throw e;
    }
  }
  if (force) return { kind: "forced", previous: [] };
  throw new UsageError(
    `--out ${dir} is not empty and holds no wmctl migration plan`,
    "pick a new or empty folder, or pass --force to write the plan's files into it",
  );
}

async function writeOne(dir: string, f: PlanFile): Promise<void> {
  const path = join(dir, f.path);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fh = await open(tmp, "w", f.mode);
  try {
    await fh.writeFile((f.bom === true ? "\uFEFF" : "") + f.text, "utf8");
    await fh.chmod(f.mode);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}

/**
 * Writes the plan atomically: every file into a temporary folder beside `dir`, which then takes
 * `dir`'s place (a previous plan is moved aside and removed only after). A crash leaves either
 * the old folder or the new one, never half a plan. With --force into a folder with other
 * content, each file is renamed into place and plan.json comes last.
 */
export async function writePlanFolder(
  dir: string,
  state: OutState,
  files: readonly PlanFile[],
  planJson: (names: string[]) => string,
): Promise<void> {
  const names = files.map((f) => f.path);
  const all: PlanFile[] = [...files, { path: PLAN_FILE, text: planJson(names), mode: 0o644 }];
  if (state.kind === "forced") {
    for (const f of all) await writeOne(dir, f);
    // The previous plan's own files that this plan does not write (another target's script) go.
    for (const old of state.previous)
      if (!names.includes(old) && old !== PLAN_FILE && !old.includes("..")) await rm(join(dir, old), { force: true });
    return;
  }
  const abs = resolve(dir);
  await mkdir(dirname(abs), { recursive: true });
  const tmp = join(dirname(abs), `.${basename(abs)}.plan-${process.pid}.tmp`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { mode: 0o700 });
  try {
    for (const f of all) await writeOne(tmp, f);
    if (state.kind === "empty") await rmdir(abs);
    if (state.kind === "previous-plan") {
      const old = join(dirname(abs), `.${basename(abs)}.old-${process.pid}`);
      await rename(abs, old);
      await rename(tmp, abs);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(tmp, abs);
    }
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

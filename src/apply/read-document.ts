import { readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { Readable } from "node:stream";
import { UsageError } from "../errors/cli-error.js";
import { readAll } from "../io/iostreams.js";
import {
  CORE_AREA_NAMES,
  INVENTORY_FILE,
  INVENTORY_FORMAT,
  INVENTORY_FORMAT_VERSION,
  type InventoryDocument,
} from "../inventory/document.js";
import { checkInventoryShape, foldEnumCase } from "../inventory/inventory-shape.js";
import { normalizeAreas } from "./normalize-document.js";

/** A desired-state document larger than this is refused (an inventory of 100,000 users is ~60 MB). */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/**
 * `apply -f FILE|DIR|-`: reads the document (an `org inventory` folder or inventory.json, a
 * hand-written JSON or YAML file, or stdin), fills in what a hand-written document may leave out,
 * and checks it. Every problem is a usage error naming the place in the document
 * (`users[3].email: ...`), before anything is read from or changed in the organization.
 */
export async function readDesiredState(
  file: string,
  stdin: Readable,
  policyAreas: readonly string[],
): Promise<{ doc: InventoryDocument; label: string }> {
  const { text, label } = await readText(file, stdin);
  const raw = await parse(text, label);
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw new UsageError(`${label}: expected an object (an inventory, or areas such as users: and groups: at the top)`);
  const r = raw as Record<string, unknown>;
  if (r.format !== undefined && r.format !== INVENTORY_FORMAT)
    throw new UsageError(`${label}: format: expected "${INVENTORY_FORMAT}", found ${JSON.stringify(r.format)}`);
  if (
    r.formatVersion !== undefined &&
    (typeof r.formatVersion !== "number" || r.formatVersion > INVENTORY_FORMAT_VERSION)
  ) {
    throw new UsageError(
      `${label}: formatVersion: this wmctl reads format ${INVENTORY_FORMAT_VERSION} and earlier, found ${JSON.stringify(r.formatVersion)}`,
      "upgrade wmctl",
    );
  }
  // An inventory has its areas under `areas:`; a hand-written document may put them at the top.
  const nested = r.areas !== undefined;
  const prefix = nested ? "areas." : "";
  const known = new Set<string>([...CORE_AREA_NAMES, ...policyAreas]);
  let areas: Record<string, unknown>;
  if (nested) {
    if (r.areas === null || typeof r.areas !== "object" || Array.isArray(r.areas))
      throw new UsageError(`${label}: areas: expected an object`);
    areas = { ...(r.areas as Record<string, unknown>) };
  } else {
    const META = new Set(["format", "formatVersion", "wmctlVersion", "createdAt", "source", "skipped", "files"]);
    const unknown = Object.keys(r).filter((k) => !known.has(k) && !META.has(k));
    if (unknown.length > 0)
      throw new UsageError(
        `${label}: ${unknown[0] ?? ""}: not an area wmctl knows`,
        `the areas are ${[...known].join(", ")}`,
      );
    areas = Object.fromEntries(Object.entries(r).filter(([k]) => known.has(k)));
  }
  const problem = normalizeAreas(areas, prefix);
  if (problem !== undefined) throw new UsageError(`${label}: ${problem}`);
  foldEnumCase(areas);
  const doc = {
    format: INVENTORY_FORMAT,
    formatVersion: typeof r.formatVersion === "number" ? r.formatVersion : INVENTORY_FORMAT_VERSION,
    wmctlVersion: typeof r.wmctlVersion === "string" ? r.wmctlVersion : "",
    createdAt: typeof r.createdAt === "string" ? r.createdAt : "",
    source: r.source ?? { organizationId: "(document)", backend: "document" },
    areas,
    skipped: r.skipped ?? [],
    files: [],
  } as unknown as InventoryDocument;
  const shape = checkInventoryShape(doc as unknown as Record<string, unknown>);
  if (shape !== undefined) throw new UsageError(`${label}: ${nested ? shape : shape.replace(/^areas\./, "")}`);
  return { doc, label };
}

async function readText(file: string, stdin: Readable): Promise<{ text: string; label: string }> {
  if (file === "-") return { text: await readAll(stdin), label: "stdin" };
  let path = file;
  try {
    const s = await stat(file);
    if (s.isDirectory()) path = join(file, INVENTORY_FILE);
    else if (!s.isFile()) throw new UsageError(`-f ${file} is not a regular file`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`-f ${file} does not exist`, "write one with: wmctl org inventory -o json > org.json");
  }
  try {
    const s = await stat(path);
    if (s.size > MAX_DOCUMENT_BYTES)
      throw new UsageError(`-f ${path} is ${s.size} bytes; the limit is ${MAX_DOCUMENT_BYTES}`);
    return { text: await readFile(path, "utf8"), label: path };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** JSON for .json files and text starting with `{`; YAML (the `yaml` package, loaded only then) otherwise. */
async function parse(text: string, label: string): Promise<unknown> {
  const ext = extname(label).toLowerCase();
  if (ext === ".json" || (ext !== ".yaml" && ext !== ".yml" && text.trimStart().startsWith("{"))) {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new UsageError(`${label} is not valid JSON: ${(e as Error).message}`);
    }
  }
  const YAML = await import("yaml");
  try {
    return YAML.parse(text, { maxAliasCount: 100 }) as unknown;
  } catch (e) {
    throw new UsageError(
      `${label} is not valid YAML: ${((e as Error).message.split("\n")[0] ?? "").replace(/:\s*$/, "")}`,
    );
  }
}

/** Output formats (DESIGN.md section 3). */
export const OUTPUT_FORMATS = ["table", "tsv", "json", "ndjson", "csv"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What a command declares about its data: every field a view has, and the default columns. */
export interface OutputSpec {
  readonly fields: readonly string[];
  readonly columns: readonly string[];
  /** A list command: an empty result is `[]` in JSON and a header alone in CSV. */
  readonly list?: boolean;
  /** What an empty list is, said on stderr under a table: "no users" (default: "nothing to list"). */
  readonly empty?: string;
}

export type Row = Readonly<Record<string, unknown>>;

/** `enabledDate` -> `ENABLED DATE` (table headers). */
export function headerLabel(field: string): string {
  return field
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toUpperCase();
}

/** `enabledDate` -> `Enabled date` (labels of a single record). */
export function fieldLabel(field: string): string {
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A cell as plain text: ISO-8601 dates, lists joined with `sep`, objects as JSON, nothing as "". */
export function cellText(value: unknown, listSeparator = ","): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().replace(/\.000Z$/, "Z");
  if (Array.isArray(value)) return value.map((v) => cellText(v, listSeparator)).join(listSeparator);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Dates in JSON views are ISO-8601 strings; undefined members are dropped. */
export function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === "object") {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) o[k] = jsonValue(v);
    return o;
  }
  return value;
}

export interface SortSpec {
  readonly field: string;
  readonly descending: boolean;
}

/** `--sort name`, `--sort enabledDate:desc`: checked against a list's fields before any API call. */
export function parseSort(raw: string, spec: OutputSpec | undefined): SortSpec {
  const m = /^([A-Za-z0-9]+)(?::(asc|desc))?$/i.exec(raw.trim());
  if (spec === undefined || spec.list !== true)
    throw new FieldListError("--sort: this command prints no list to sort", []);
  if (m === null) throw new FieldListError(`--sort: "${raw}" is not FIELD or FIELD:desc`, spec.fields);
  const field = m[1] as string;
  if (!spec.fields.includes(field)) throw new FieldListError(`--sort: unknown field "${field}"`, spec.fields);
  return { field, descending: m[2]?.toLowerCase() === "desc" };
}

/** Orders two cells: dates by time, numbers by value, text by locale (numbers inside as numbers); empty last. */
export function compareCells(a: unknown, b: unknown, descending = false): number {
  const empty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
  if (empty(a) || empty(b)) return empty(a) === empty(b) ? 0 : empty(a) ? 1 : -1;
  let c: number;
  if (a instanceof Date && b instanceof Date) c = a.getTime() - b.getTime();
  else if (typeof a === "number" && typeof b === "number") c = a - b;
  // Booleans too compare as text: "false" before "true".
  else c = cellText(a).localeCompare(cellText(b), undefined, { numeric: true, sensitivity: "base" });
  return descending ? -c : c;
}

/** Checks `--fields` against the view before any API call; returns them in the asked order. */
export function parseFieldList(raw: string, spec: OutputSpec | undefined): string[] {
  const asked = raw
    .split(",")
    .map((f) => f.trim())
    .filter((f) => f !== "");
  if (spec === undefined) throw new FieldListError("this command prints no fields to select", []);
  if (asked.length === 0) throw new FieldListError("--fields needs at least one field name", spec.fields);
  const unknown = asked.filter((f) => !spec.fields.includes(f));
  if (unknown.length > 0) {
    throw new FieldListError(
      `unknown field${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}`,
      spec.fields,
    );
  }
  return [...new Set(asked)];
}

export class FieldListError extends Error {
  constructor(
    message: string,
    readonly validFields: readonly string[],
  ) {
    super(message);
    this.name = "FieldListError";
  }
}

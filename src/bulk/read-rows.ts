import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { UsageError } from "../errors/cli-error.js";
import { readAll, type IOStreams } from "../io/iostreams.js";

/** The largest input read (a spreadsheet of a few hundred thousand rows). */
const MAX_INPUT_BYTES = 256 * 1024 * 1024;

interface InputRecord {
  /** 1 = the first data row (after a CSV header). */
  readonly row: number;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface BulkInput {
  readonly headers: readonly string[];
  readonly records: readonly InputRecord[];
  /** sha256 of the input's bytes: a ledger resumes only the same input. */
  readonly digest: string;
  readonly format: "csv" | "jsonl";
}

/**
 * Reads `--from FILE.csv|FILE.jsonl|-`: CSV with a header row (csv-parse: RFC 4180 quoting, a BOM
 * dropped, blank lines skipped), or JSON Lines (one object per line). Standard input is CSV unless
 * it starts with `{`. A malformed input fails as a whole (exit 2) before anything changes.
 */
export async function readBulkInput(from: string, io: IOStreams): Promise<BulkInput> {
  let bytes: Buffer;
  if (from === "-") {
    if (io.isStdinTTY)
      throw new UsageError(
        "--from - reads rows from standard input, but it is a terminal",
        "pipe them in, or pass --from FILE.csv",
      );
    bytes = Buffer.from(await readAll(io.stdin), "utf8");
  } else {
    try {
      const st = await stat(from);
      if (!st.isFile()) throw new UsageError(`--from ${from}: not a regular file`);
      if (st.size > MAX_INPUT_BYTES)
        throw new UsageError(
          `--from ${from}: ${st.size} bytes is more than the ${MAX_INPUT_BYTES / 1024 / 1024} MB wmctl reads`,
          "split it into several files",
        );
      bytes = await readFile(from);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`--from ${from}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const digest = createHash("sha256").update(bytes).digest("hex");
  const text = bytes.toString("utf8");
  const jsonl = /\.(jsonl|ndjson)$/i.test(from) || (!/\.csv$/i.test(from) && text.trimStart().startsWith("{"));
  return jsonl
    ? { ...parseJsonLines(text, from), digest, format: "jsonl" }
    : { ...(await parseCsv(text, from)), digest, format: "csv" };
}

async function parseCsv(text: string, from: string): Promise<{ headers: string[]; records: InputRecord[] }> {
  const { parse } = await import("csv-parse/sync");
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (e) {
    throw new UsageError(`--from ${from}: not valid CSV: ${(e as Error).message}`);
  }
  const [header, ...data] = rows;
  if (header === undefined)
    throw new UsageError(
      `--from ${from}: no header row`,
      "the first line names the columns, e.g. name,email,displayName",
    );
  const headers = header.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of headers) {
    if (h !== "" && seen.has(h)) throw new UsageError(`--from ${from}: the column "${h}" appears twice`);
    seen.add(h);
  }
  const records = data
    .filter((cells) => cells.some((c) => c.trim() !== ""))
    .map((cells, i) => ({ row: i + 1, values: Object.fromEntries(headers.map((h, j) => [h, cells[j] ?? ""])) }));
  return { headers, records };
}

function parseJsonLines(text: string, from: string): { headers: string[]; records: InputRecord[] } {
  const headers: string[] = [];
  const seen = new Set<string>();
  const records: InputRecord[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new UsageError(`--from ${from}: line ${i + 1} is not JSON: ${(e as Error).message}`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new UsageError(`--from ${from}: line ${i + 1} is not a JSON object`);
    for (const k of Object.keys(value)) {
      if (!seen.has(k)) {
        seen.add(k);
        headers.push(k);
      }
    }
    records.push({ row: records.length + 1, values: value as Record<string, unknown> });
  }
  return { headers, records };
}

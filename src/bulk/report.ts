import { writeFileAtomic } from "../inventory/inventory-files.js";
import type { RowResult } from "./ledger.js";

const COLUMNS = ["row", "key", "action", "outcome", "error", "message"] as const;

/** `--report FILE`: one line per row (CSV, or JSON Lines for .jsonl/.ndjson), written whole at the end. */
export async function writeReport(file: string, results: readonly RowResult[]): Promise<void> {
  const sorted = [...results].sort((a, b) => a.row - b.row);
  if (/\.(jsonl|ndjson)$/i.test(file)) {
    await writeFileAtomic(
      file,
      sorted.map((r) => JSON.stringify(Object.fromEntries(COLUMNS.map((c) => [c, r[c] ?? null])))).join("\n") +
        (sorted.length > 0 ? "\n" : ""),
    );
    return;
  }
  const { stringify } = await import("csv-stringify/sync");
  await writeFileAtomic(
    file,
    stringify([[...COLUMNS], ...sorted.map((r) => COLUMNS.map((c) => (r[c] === undefined ? "" : String(r[c]))))]),
  );
}

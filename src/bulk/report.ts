import { writeReportFile } from "../output/report-file.js";
import type { RowResult } from "./ledger.js";

const COLUMNS = ["row", "key", "action", "outcome", "error", "message"] as const;

/** `--report FILE`: one line per row, in row order (CSV, or JSON Lines for .jsonl/.ndjson), written whole at the end. */
export async function writeReport(file: string, results: readonly RowResult[]): Promise<void> {
  await writeReportFile(
    file,
    [...results].sort((a, b) => a.row - b.row),
    COLUMNS,
  );
}

import { writeFileAtomic } from "../io/atomic-file.js";

/**
 * Writes a per-item report to a file an admin keeps: JSON (an array) when the name ends in .json,
 * JSON Lines (one object a line, absent values as null) for .jsonl or .ndjson, else CSV with a
 * header, columns in `fields` order. Dates become ISO-8601 strings. Mode 0600 whatever
 * the umask (a report names every mailbox), through a temporary file renamed into place.
 */
export async function writeReportFile(file: string, rows: readonly object[], fields: readonly string[]): Promise<void> {
  const plain = rows.map((r) =>
    Object.fromEntries(
      fields.map((f) => {
        const v = (r as Record<string, unknown>)[f];
        return [f, v instanceof Date ? v.toISOString() : v];
      }),
    ),
  );
  if (/\.(jsonl|ndjson)$/i.test(file)) {
    const lines = plain.map((r) => JSON.stringify(Object.fromEntries(fields.map((f) => [f, r[f] ?? null]))));
    await writeFileAtomic(file, lines.map((l) => `${l}\n`).join(""));
    return;
  }
  if (file.toLowerCase().endsWith(".json")) {
    await writeFileAtomic(file, JSON.stringify(plain, null, 2) + "\n");
    return;
  }
  const { stringify } = await import("csv-stringify/sync");
  await writeFileAtomic(
    file,
    stringify(
      plain.map((r) => fields.map((f) => r[f] ?? "")),
      { header: true, columns: [...fields] },
    ),
  );
}

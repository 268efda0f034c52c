import { writeFile } from "node:fs/promises";

/**
 * Writes a per-item report to a file an admin keeps: JSON (an array) when the name ends in .json,
 * else CSV with a header, columns in `fields` order. Dates become ISO-8601 strings.
 */
export async function writeReportFile(file: string, rows: readonly object[], fields: readonly string[]): Promise<void> {
  const plain = rows.map((r) => Object.fromEntries(fields.map((f) => {
    const v = (r as Record<string, unknown>)[f];
    return [f, v instanceof Date ? v.toISOString() : v];
  })));
  if (file.toLowerCase().endsWith(".json")) {
    await writeFile(file, JSON.stringify(plain, null, 2) + "\n");
    return;
  }
  const { stringify } = await import("csv-stringify/sync");
  await writeFile(file, stringify(plain.map((r) => fields.map((f) => r[f] ?? "")), { header: true, columns: [...fields] }));
}

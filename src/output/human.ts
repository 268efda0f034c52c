import { cellText } from "./format.js";

/**
 * Table cells for people (issue #11 item 11): sizes in human units and times relative to now.
 * Only tables: TSV, CSV and JSON keep the exact values for scripts.
 */
export function humanCell(field: string, value: unknown, now: number, options: { exactTimes?: boolean } = {}): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const relative = relativeTime(value.getTime(), now);
    return options.exactTimes ? `${shortDate(value)} (${relative})` : relative;
  }
  if (typeof value === "number" && Number.isFinite(value)) {
    if (/Megabytes$/.test(field)) return humanBytes(value * 1024 * 1024);
    if (/^bytes$|Bytes$/.test(field)) return humanBytes(value);
  }
  return cellText(value, ", ");
}

/** The name a field is labelled by in a table: its unit goes where the value shows it (`quotaMegabytes` -> `quota`). */
export function labelField(field: string): string {
  return field.replace(/(.)Megabytes$/, "$1");
}

/** `2026-12-04 10:40 UTC`. */
export function shortDate(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** `3 minutes ago`, `in 2 days`, `just now`. */
export function relativeTime(at: number, now: number): string {
  const diff = now - at;
  const abs = Math.abs(diff);
  if (abs < 60_000) return "just now";
  const [unit, ms] = UNITS.find(([, size]) => abs >= size) ?? (UNITS[UNITS.length - 1] as readonly [string, number]);
  const n = Math.floor(abs / ms);
  const text = `${n} ${unit}${n === 1 ? "" : "s"}`;
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

/** `0 B`, `1.6 KB`, `50 GB` (1 KB = 1024 bytes, as the WorkMail console counts). */
export function humanBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 || Math.abs(v) >= 100 || Number.isInteger(v) ? 0 : 1;
  return `${v.toFixed(digits).replace(/\.0$/, "")} ${units[i] ?? ""}`;
}

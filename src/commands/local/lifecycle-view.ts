import { formatDuration, parseDurationArg } from "../../time/duration.js";

/**
 * The simulator's lifecycle settings as the CLI shows and takes them. Most are delays, stored in
 * seconds (`organizationCreateSeconds`) and named without the unit (`organizationCreate=90s`); one
 * is a throughput (`exportMegabytesPerSecond=5`, 0: the size adds no time).
 */
const isDelay = (key: string) => key.endsWith("Seconds");

/** `organizationCreateSeconds` -> `organizationCreate`; a throughput keeps its name. */
export function lifecycleName(key: string): string {
  return key.replace(/Seconds$/, "");
}

/** `immediate`, `1m30s`; `unlimited`, `5MB/s`. */
export function describeLifecycle(key: string, value: number): string {
  if (isDelay(key)) return value === 0 ? "immediate" : formatDuration(value * 1000);
  return value === 0 ? "unlimited" : `${value}MB/s`;
}

/** One row of `local lifecycle`: `seconds` for a delay, `value` (what the store holds) for every setting. */
export function lifecycleView(key: string, value: number) {
  return {
    name: lifecycleName(key),
    delay: describeLifecycle(key, value),
    seconds: isDelay(key) ? value : undefined,
    value,
  };
}

/** The stored value of `NAME=TEXT`: a duration for a delay, a number >= 0 for a throughput. Throws RangeError. */
export function parseLifecycleValue(key: string, text: string): number {
  if (isDelay(key)) return parseDurationArg(text) / 1000;
  const n = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(n) || n < 0)
    throw new RangeError(`invalid value "${text}" (use a number of megabytes per second; 0: unlimited)`);
  return n;
}

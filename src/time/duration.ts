const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Parses `90s`, `15m`, `25h`, `7d`, `1h30m` or a plain number of milliseconds. */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let matched = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy)) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? "ms"] ?? 1);
    matched += m[0].length;
  }
  if (s.length === 0 || matched !== s.length)
    throw new RangeError(`invalid duration "${text}" (use e.g. 90s, 15m, 25h, 7d, 1h30m)`);
  return Math.round(total);
}

/** 5400000 -> `1h30m`; 0 -> `0s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  let rest = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join("");
}

/**
 * A duration an admin typed (`--timeout`, `local advance`): as parseDuration, but a bare number
 * other than 0 is refused, since `local advance 90` meaning 90 milliseconds would surprise.
 */
export function parseDurationArg(text: string): number {
  const s = text.trim();
  if (/^\d+$/.test(s) && Number(s) !== 0)
    throw new RangeError(`"${text}" has no unit: write e.g. ${s}s, ${s}m or ${s}h`);
  return parseDuration(s);
}

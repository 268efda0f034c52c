/** A value as it would be typed in a shell, for hints: `sales`, `"All Staff"`, `'it''s'`. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9._%+@:\/=-]+$/.test(s)) return s;
  if (!/["$`\\!]/.test(s)) return `"${s}"`;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

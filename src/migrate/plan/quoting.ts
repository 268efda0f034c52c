/**
 * Quoting for the scripts the plan writes. Every value is a literal: nothing in it is expanded,
 * substituted or split by the tool that reads the script.
 */

/**
 * A PowerShell verbatim string: single quotes, with each quote character doubled. PowerShell
 * treats the typographic single quotes (U+2018, U+2019, U+201A, U+201B) as quote characters too,
 * so they are doubled as well. `$`, backticks and non-ASCII are inert inside.
 */
export function psQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}

/** A PowerShell array literal of verbatim strings: `@('a', 'b')`. */
export function psArray(values: readonly string[]): string {
  return `@(${values.map(psQuote).join(", ")})`;
}

export const psBool = (b: boolean): string => (b ? "$true" : "$false");

/**
 * One argument for a GAM batch line. GAM splits batch lines like a POSIX shell (Python's shlex,
 * posix mode): inside single quotes nothing is special, and a single quote is written as `'"'"'`
 * (close, a double-quoted quote, reopen), as Python's shlex.quote does. Plain safe words stay bare.
 */
export function gamQuote(value: string): string {
  if (value !== "" && /^[A-Za-z0-9@%+=:,./_-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'"'"'`)}'`;
}

/** A GAM batch line: `gam` and its arguments, each quoted; a value must not hold a line break. */
export function gamLine(args: readonly string[]): string {
  return ["gam", ...args.map((a) => gamQuote(a.replace(/[\r\n]+/g, " ")))].join(" ");
}

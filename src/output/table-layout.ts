import stringWidth from "string-width";

/**
 * How a table fits a width (issue #11 item 9). What people copy is never cut: ids, names, email
 * addresses, ARNs, paths and DNS record values ("kept" columns) are shown whole. To fit:
 * 1. the other columns (descriptions, notes, states ...) are shortened with "…", widest first;
 * 2. then they are left out, rightmost first (commands list their columns by importance), states
 *    (STATE, STATUS, EFFECT, RESULT) last; one column always stays, and the caller says which;
 * 3. then the widest kept columns wrap onto more lines (a value is split, never shortened).
 * A table that still does not fit is printed as wide as it needs. Widths are display widths: a CJK
 * character takes two columns, an emoji two, a combining mark none.
 */
export interface TableLayout {
  /** Indexes of the columns shown, in order. */
  readonly shown: readonly number[];
  /** Their widths. */
  readonly widths: readonly number[];
  /** The cells of the shown columns, shortened or wrapped (lines joined with "\n"). */
  readonly rows: readonly (readonly string[])[];
  /** Fields left out to fit. */
  readonly hidden: readonly string[];
}

/** Fields whose values are copied: never shortened. */
const KEPT =
  /(^id$|Id$|^ids$|^name$|Name$|^email$|Email$|^alias(es)?$|^address(es)?$|^domain$|^arn$|Arn$|^value$|^token$|^s3Path$|^location$|^target$|^endpoint$|^url$|^user$|^mailbox$|^grantee$|^member$|^key$)/;

/** What a row's state is: left out last. */
const STATE = /(^state$|status$|^effect$|^result$)/i;

/** Shortened columns keep at least this many columns (or their header's width). */
const MIN_SHORTENED = 6;
/** A wrapped column keeps at least this many columns. */
const MIN_WRAPPED = 12;
const GAP = 2;

export function displayWidth(s: string): number {
  return stringWidth(s);
}

export function isKeptField(field: string): boolean {
  return KEPT.test(field);
}

/**
 * `cells` are plain text (no colour). `width` is the terminal's (Infinity: as wide as needed).
 */
export function layoutTable(
  fields: readonly string[],
  headers: readonly string[],
  cells: readonly (readonly string[])[],
  width: number,
): TableLayout {
  const natural = fields.map((_, i) =>
    Math.max(displayWidth(headers[i] ?? ""), ...cells.map((r) => maxLineWidth(r[i] ?? ""))),
  );
  let shown = fields.map((_, i) => i);
  const total = (idx: readonly number[], w: readonly number[]) =>
    idx.reduce((a, i) => a + (w[i] ?? 0), 0) + GAP * Math.max(0, idx.length - 1);
  if (!Number.isFinite(width) || total(shown, natural) <= width) return finish(fields, shown, natural, cells, []);

  const kept = fields.map(isKeptField);
  const floor = fields.map((_, i) =>
    kept[i] ? (natural[i] ?? 0) : Math.min(natural[i] ?? 0, Math.max(displayWidth(headers[i] ?? ""), MIN_SHORTENED)),
  );
  // 1. Shorten the other columns, widest first, down to their floor.
  const shorten = (idx: readonly number[]): number[] => {
    const w = [...natural];
    let excess = total(idx, w) - width;
    while (excess > 0) {
      let widest = -1;
      for (const i of idx)
        if (!kept[i] && (w[i] ?? 0) > (floor[i] ?? 0) && (widest < 0 || (w[i] ?? 0) > (w[widest] ?? 0))) widest = i;
      if (widest < 0) break;
      w[widest] = (w[widest] ?? 0) - 1;
      excess--;
    }
    return w;
  };
  let widths = shorten(shown);
  // 2. Leave them out, rightmost first, states last.
  const hidden: string[] = [];
  while (total(shown, widths) > width && shown.length > 1) {
    const droppable = [...shown].reverse().filter((i) => !kept[i]);
    const drop = droppable.find((i) => !STATE.test(fields[i] ?? "")) ?? droppable[0];
    if (drop === undefined) break;
    shown = shown.filter((i) => i !== drop);
    hidden.push(fields[drop] as string);
    hidden.sort((a, b) => fields.indexOf(a) - fields.indexOf(b));
    widths = shorten(shown);
  }
  // 3. Wrap the widest kept columns.
  let excess = total(shown, widths) - width;
  while (excess > 0) {
    let widest = -1;
    for (const i of shown) {
      const min = Math.min(natural[i] ?? 0, Math.max(displayWidth(headers[i] ?? ""), MIN_WRAPPED));
      if (kept[i] && (widths[i] ?? 0) > min && (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0))) widest = i;
    }
    if (widest < 0) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    excess--;
  }
  return finish(fields, shown, widths, cells, hidden);
}

function finish(
  fields: readonly string[],
  shown: readonly number[],
  widths: readonly number[],
  cells: readonly (readonly string[])[],
  hidden: readonly string[],
): TableLayout {
  const kept = fields.map(isKeptField);
  return {
    shown,
    widths: shown.map((i) => widths[i] ?? 0),
    rows: cells.map((r) =>
      shown.map((i) => (kept[i] ? wrap(r[i] ?? "", widths[i] ?? 0) : shorten(r[i] ?? "", widths[i] ?? 0))),
    ),
    hidden,
  };
}

function maxLineWidth(s: string): number {
  return Math.max(0, ...s.split("\n").map(displayWidth));
}

/** `s` cut to `width` display columns, ending in "…" when it was longer. */
export function shorten(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = "";
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** `s` in lines of at most `width` display columns: at a space or ", " when one is near, else anywhere. */
export function wrap(s: string, width: number): string {
  if (width <= 0 || displayWidth(s) <= width) return s;
  const lines: string[] = [];
  for (const paragraph of s.split("\n")) {
    let rest = paragraph;
    while (displayWidth(rest) > width) {
      let cut = "";
      for (const ch of rest) {
        if (displayWidth(cut + ch) > width) break;
        cut += ch;
      }
      // Prefer a break after a space in the second half of the line.
      const space = cut.lastIndexOf(" ");
      if (space >= cut.length / 2) cut = cut.slice(0, space + 1);
      lines.push(cut.trimEnd());
      rest = rest.slice(cut.length);
    }
    lines.push(rest);
  }
  return lines.join("\n");
}

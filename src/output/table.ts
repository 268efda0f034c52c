import Table from "cli-table3";
import { cellText, fieldLabel, headerLabel, type Row } from "./format.js";
import type { Style } from "./style.js";
import { terminalSafe } from "./terminal-safe.js";

const STATE_FIELDS = /(^state$|status$|^effect$|^result$)/i;

/** gh-style table: no borders, two spaces between columns, an upper-case header. */
export function renderTable(rows: readonly Row[], columns: readonly string[], style: Style, width: number): string {
  if (rows.length === 0) return "";
  const cells = rows.map((r) => columns.map((c) => displayCell(c, r[c], style)));
  const widths = fitWidths(
    columns.map((c, i) => Math.max(headerLabel(c).length, ...cells.map((row) => visibleLength(row[i] ?? "")))),
    width,
  );
  const table = new Table({
    head: columns.map((c) => style.bold(headerLabel(c))),
    colWidths: widths,
    wordWrap: false,
    truncate: "…",
    chars: {
      top: "", "top-mid": "", "top-left": "", "top-right": "",
      bottom: "", "bottom-mid": "", "bottom-left": "", "bottom-right": "",
      left: "", "left-mid": "", mid: "", "mid-mid": "",
      right: "", "right-mid": "", middle: "  ",
    },
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0, compact: true },
  });
  for (const row of cells) table.push(row);
  return (
    table
      .toString()
      .split("\n")
      .map((l) => l.trimEnd())
      .join("\n") + "\n"
  );
}

/** A single record as aligned `Label  value` lines. */
export function renderRecord(row: Row, fields: readonly string[], style: Style): string {
  const labels = fields.map(fieldLabel);
  const pad = Math.max(...labels.map((l) => l.length)) + 3;
  return fields
    .map((f, i) => `${style.bold((labels[i] + ":").padEnd(pad))}${displayCell(f, row[f], style)}`.trimEnd())
    .join("\n")
    .concat("\n");
}

function displayCell(field: string, value: unknown, style: Style): string {
  const text = terminalSafe(cellText(value, ", "));
  if (text === "") return style.dim("-");
  return STATE_FIELDS.test(field) ? style.state(text) : text;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
function visibleLength(s: string): number {
  return [...s.replace(ANSI, "")].length;
}

/** Shrinks the widest columns until the table fits the terminal (never below 8 characters). */
function fitWidths(natural: number[], width: number): number[] {
  const gap = 2 * (natural.length - 1);
  const widths = [...natural];
  let total = widths.reduce((a, b) => a + b, 0) + gap;
  while (total > width) {
    let widest = 0;
    for (let i = 1; i < widths.length; i++) if ((widths[i] ?? 0) > (widths[widest] ?? 0)) widest = i;
    if ((widths[widest] ?? 0) <= 8) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    total -= 1;
  }
  return widths;
}

import Table from "cli-table3";
import { cellText, fieldLabel, headerLabel, type Row } from "./format.js";
import type { Style } from "./style.js";
import { terminalSafe } from "./terminal-safe.js";
import { humanCell, labelField } from "./human.js";
import { layoutTable } from "./table-layout.js";

const STATE_FIELDS = /(^state$|status$|^effect$|^result$)/i;

/** gh-style table: no borders, two spaces between columns, an upper-case header. */
export function renderTable(
  rows: readonly Row[],
  columns: readonly string[],
  style: Style,
  width: number,
  onHidden?: (fields: readonly string[]) => void,
): string {
  if (rows.length === 0) return "";
  const headers = columns.map((c) => headerLabel(labelField(c)));
  // Laid out on plain text (src/output/table-layout.ts), coloured afterwards.
  const now = Date.now();
  // Control characters are escaped before measuring (src/output/terminal-safe.ts): a wrapped cell's own line breaks stay.
  const plain = rows.map((r) => columns.map((c) => terminalSafe(humanCell(c, r[c], now)) || "-"));
  const layout = layoutTable(columns, headers, plain, width);
  if (layout.hidden.length > 0) onHidden?.(layout.hidden);
  const shownFields = layout.shown.map((i) => columns[i] as string);
  const table = new Table({
    head: layout.shown.map((i) => style.bold(headers[i] ?? "")),
    // The layout has fitted every cell: cli-table3 only aligns (no truncation of its own).
    colWidths: layout.widths.map((w) => w),
    wordWrap: false,
    chars: {
      top: "",
      "top-mid": "",
      "top-left": "",
      "top-right": "",
      bottom: "",
      "bottom-mid": "",
      "bottom-left": "",
      "bottom-right": "",
      left: "",
      "left-mid": "",
      mid: "",
      "mid-mid": "",
      right: "",
      "right-mid": "",
      middle: "  ",
    },
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0, compact: true },
  });
  layout.rows.forEach((row, r) => {
    table.push(
      row.map((text, k) =>
        displayCell(
          shownFields[k] as string,
          text === "-" && cellText(rows[r]?.[shownFields[k] as string]) === "" ? "" : text,
          style,
        ),
      ),
    );
  });
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
  const labels = fields.map((f) => fieldLabel(labelField(f)));
  const pad = Math.max(...labels.map((l) => l.length)) + 3;
  const now = Date.now();
  return fields
    .map((f, i) =>
      `${style.bold((labels[i] + ":").padEnd(pad))}${displayCell(f, terminalSafe(humanCell(f, row[f], now, { exactTimes: true })), style)}`.trimEnd(),
    )
    .join("\n")
    .concat("\n");
}

function displayCell(field: string, value: unknown, style: Style): string {
  const text = cellText(value, ", ");
  if (text === "") return style.dim("-");
  return STATE_FIELDS.test(field) ? style.state(text) : text;
}

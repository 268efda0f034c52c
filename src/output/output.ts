import type { Writable } from "node:stream";
import {
  cellText,
  compareCells,
  jsonValue,
  type OutputFormat,
  type OutputSpec,
  type Row,
  type SortSpec,
} from "./format.js";
import type { Style } from "./style.js";
import { terminalSafe, terminalSafeLines } from "./terminal-safe.js";

export interface OutputConfig {
  readonly format: OutputFormat;
  /** --fields, already checked against the spec. */
  readonly fields: readonly string[] | undefined;
  readonly quiet: boolean;
  /** Styles for stdout (tables) and stderr (status lines); each knows whether colour is on. */
  readonly style: Style;
  readonly stderrStyle: Style;
  /** Table width: COLUMNS, else the terminal's; Infinity with --wide or when stdout is not a terminal. */
  readonly width: number;
  /** Progress bars only on a TTY stderr, never in JSON modes or with --quiet. */
  readonly progress: boolean;
  /** --sort: a list is held back and printed sorted at the end (in every format). */
  readonly sort?: SortSpec | undefined;
}

export interface PlannedChange {
  /** The API operation or step that would run, e.g. `CreateUser`. */
  readonly action: string;
  /** What it acts on, as the admin named it. */
  readonly target: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

type CsvStringify = (records: unknown[][]) => string;

/**
 * The one output layer. Data goes to stdout in the chosen format; status, warnings and progress go
 * to stderr. Lists stream: in every format but the TTY table, a row is written as soon as it
 * arrives (JSON arrays are opened on the first row and closed by `end()`).
 */
export class Output {
  private mode: "none" | "list" | "record" | "plan" = "none";
  private listCount = 0;
  private buffered: Row[] = [];
  private csv: CsvStringify | undefined;
  private csvHeaderWritten = false;
  private readonly planned: PlannedChange[] = [];
  private columnOverride: readonly string[] | undefined;
  private rowObserver: ((row: Row) => void) | undefined;
  private textWritten = false;
  private toSort: Row[] = [];

  constructor(
    private readonly stdout: Writable,
    private readonly stderr: Writable,
    readonly config: OutputConfig,
    private readonly spec: OutputSpec | undefined,
  ) {}

  get format(): OutputFormat {
    return this.config.format;
  }

  get isJson(): boolean {
    return this.config.format === "json" || this.config.format === "ndjson";
  }

  /** How many list rows have been written so far. */
  get count(): number {
    return this.listCount + this.toSort.length;
  }

  /** Loads what the chosen format needs before the command runs (the CSV writer). */
  async prepare(): Promise<void> {
    if (this.config.format === "csv" && this.csv === undefined) {
      const { stringify } = await import("csv-stringify/sync");
      this.csv = (records) => stringify(records);
    }
  }

  /**
   * Default columns for this run instead of the spec's (a mode of the command shows more, e.g.
   * `group members --recursive`); --fields still wins. Call before the first row.
   */
  useColumns(columns: readonly string[]): void {
    this.columnOverride = columns;
  }

  /** Also hands every list row to `observer` (the CLI keeps listed names for shell completion). */
  observeRows(observer: (row: Row) => void): void {
    this.rowObserver = observer;
  }

  /**
   * Whether any of these fields will be printed (--fields, else the default columns): a list fetches
   * the details its listing call lacks (DescribeUser for `jobTitle` ...) only when they are shown.
   */
  wants(fields: readonly string[]): boolean {
    const shown = this.columns();
    return fields.some((f) => shown.includes(f));
  }

  /** One item of a list result. */
  row(item: object): void {
    this.rowObserver?.(item as Row);
    if (this.config.sort !== undefined) {
      this.mode = "list";
      this.toSort.push(item as Row);
      return;
    }
    this.emitRow(item as Row);
  }

  private emitRow(view: Row): void {
    this.mode = "list";
    this.listCount++;
    if (this.config.format === "table") this.buffered.push(view);
    else if (this.config.format === "json") {
      const body = indent(JSON.stringify(this.jsonView(view), null, 2));
      this.stdout.write(this.listCount === 1 ? `[\n${body}` : `,\n${body}`);
    } else this.writeLine(view);
  }

  /** A single-object result (describe, create ...). */
  record(item: object): void {
    const view = item as Row;
    this.mode = "record";
    if (this.config.format === "table") this.buffered = [view];
    else if (this.config.format === "json") this.stdout.write(JSON.stringify(this.jsonView(view), null, 2) + "\n");
    else this.writeLine(view);
  }

  /** The formats where a record is one line, as a list row is: tsv, csv, ndjson. */
  private writeLine(view: Row): void {
    if (this.config.format === "tsv")
      this.stdout.write(
        this.columns()
          .map((c) => tsvCell(view[c]))
          .join("\t") + "\n",
      );
    else if (this.config.format === "csv") this.writeCsv(view);
    else this.stdout.write(JSON.stringify(this.jsonView(view)) + "\n");
  }

  /** What a --dry-run would change. Printed to stdout: it is the command's result. */
  plan(change: PlannedChange): void {
    this.mode = "plan";
    this.planned.push(change);
    if (this.isJson) return;
    const details = Object.entries(change.details ?? {})
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => `${k}=${Array.isArray(v) && v.length === 0 ? "(none)" : cellText(v)}`)
      .join(" ");
    this.stdout.write(terminalSafe(`would ${change.action} ${change.target}${details ? "  " + details : ""}`) + "\n");
  }

  /** Raw text for stdout (zone files, help topics); not subject to formats. */
  text(s: string): void {
    this.textWritten = true;
    this.stdout.write(s.endsWith("\n") || s === "" ? s : s + "\n");
  }

  /** A status line on stderr (dropped by --quiet). */
  status(message: string): void {
    if (this.config.quiet) return;
    this.stderr.write(`${this.config.stderrStyle.green("✓")} ${terminalSafeLines(message)}\n`);
  }

  /** A neutral note on stderr (dropped by --quiet). */
  info(message: string): void {
    if (this.config.quiet) return;
    this.stderr.write(`${terminalSafeLines(message)}\n`);
  }

  /** A warning on stderr (kept with --quiet). */
  warn(message: string): void {
    this.stderr.write(`${this.config.stderrStyle.yellow("!")} ${terminalSafeLines(message)}\n`);
  }

  /**
   * Writes what a format holds back until the end (TTY tables, the closing JSON bracket). After a failure (`failed`), rows already written are closed
   * (a JSON array stays valid), but an empty list is not printed as one: `[]` next to a non-zero
   * exit would read as "nothing there".
   */
  async end(options: { failed?: boolean } = {}): Promise<void> {
    const fmt = this.config.format;
    const sort = this.config.sort;
    if (sort !== undefined && this.toSort.length > 0) {
      const rows = this.toSort.sort((a, b) => compareCells(a[sort.field], b[sort.field], sort.descending));
      this.toSort = [];
      for (const r of rows) this.emitRow(r);
    }
    if (this.mode === "plan" && this.isJson) {
      const actions = this.planned.map((p) => jsonValue({ action: p.action, target: p.target, details: p.details }));
      if (fmt === "json") this.stdout.write(JSON.stringify({ dryRun: true, changes: actions }, null, 2) + "\n");
      else for (const a of actions) this.stdout.write(JSON.stringify({ dryRun: true, ...(a as object) }) + "\n");
      return;
    }
    if (fmt === "json" && this.mode === "list") this.stdout.write("\n]\n");
    if (this.mode === "none" && this.spec?.list === true && options.failed !== true) {
      if (fmt === "json") this.stdout.write("[]\n");
      // A table with no rows would print nothing at all: say the list is empty (stderr, so scripts see no data).
      if (fmt === "table" && !this.textWritten) this.info(this.spec.empty ?? "nothing to list");
      if (fmt === "csv" && this.csv !== undefined) this.stdout.write(this.csv([[...this.columns()]]));
    }
    if (fmt === "table" && this.buffered.length > 0) {
      const { renderTable, renderRecord } = await import("./table.js");
      if (this.mode === "record")
        this.stdout.write(
          renderRecord(this.buffered[0] ?? {}, this.recordColumns(this.buffered[0] ?? {}), this.config.style),
        );
      else {
        const note = (hidden: readonly string[]) =>
          this.info(
            `${this.config.stderrStyle.dim(`(${hidden.length === 1 ? "column" : "columns"} ${hidden.join(", ")} left out to fit ${this.config.width} columns: --wide or --fields shows ${hidden.length === 1 ? "it" : "them"})`)}`,
          );
        this.stdout.write(renderTable(this.buffered, this.columns(), this.config.style, this.config.width, note));
      }
      this.buffered = [];
    }
  }

  /** A record on a terminal: its default columns, then every other declared field that is set. */
  private recordColumns(view: Row): readonly string[] {
    const base = this.columns();
    if (this.config.fields !== undefined || this.spec === undefined) return base;
    const set = (v: unknown) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
    return [...base, ...this.spec.fields.filter((f) => !base.includes(f) && set(view[f]))];
  }

  private columns(): readonly string[] {
    return this.config.fields ?? this.columnOverride ?? this.spec?.columns ?? [];
  }

  private jsonView(view: Row): unknown {
    if (this.config.fields === undefined) return jsonValue(view);
    const picked: Record<string, unknown> = {};
    for (const f of this.config.fields) picked[f] = view[f] === undefined ? null : view[f];
    return jsonValue(picked);
  }

  private writeCsv(view: Row): void {
    if (this.csv === undefined) throw new Error("Output.prepare() was not called before CSV output");
    const cols = this.columns();
    if (!this.csvHeaderWritten) {
      this.stdout.write(this.csv([[...cols]]));
      this.csvHeaderWritten = true;
    }
    this.stdout.write(this.csv([cols.map((c) => cellText(view[c]))]));
  }
}

function tsvCell(value: unknown): string {
  return terminalSafe(cellText(value).replace(/[\t\n\r]/g, " "));
}

function indent(s: string): string {
  return s
    .split("\n")
    .map((l) => "  " + l)
    .join("\n");
}

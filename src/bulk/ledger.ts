import { closeSync, existsSync, fdatasync, fdatasyncSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "../errors/cli-error.js";

/** What became of one row. */
export interface RowResult {
  readonly row: number;
  readonly key: string;
  /** What the row does: create, update, skip, or the verb (disable, add-member ...). */
  readonly action: string;
  /** ok, failed, throttled (failed on throttling), invalid, or pending (not run: the run was interrupted first). */
  readonly outcome: "ok" | "failed" | "throttled" | "invalid" | "pending";
  readonly error: string | undefined;
  readonly message: string | undefined;
}

/** Which run a ledger belongs to: the same verb and organization (the input may be fixed between runs). */
export interface LedgerIdentity {
  readonly verb: string;
  readonly org: string;
  /** sha256 of the input, for the record. */
  readonly input: string;
  readonly rows: number;
}

type Event =
  | ({ t: "run" } & LedgerIdentity & { at: string })
  | { t: "start"; row: number }
  | ({ t: "done"; digest: string } & RowResult);

/**
 * The resume ledger of a bulk run: JSON lines beside the report, append-only. `start` is written
 * before a row's first change, `done` after its last; a write is one write(2) on an O_APPEND file,
 * so a kill -9 loses at most the line being written (a torn last line is skipped on reading), and
 * lines are fsynced in batches (at most `syncEveryMs` apart, and when the run ends) so a machine
 * crash loses at most that window. A re-run skips rows done ok (unless their fields changed since)
 * and does the rest again; the
 * composite verbs are idempotent, so a row cut short mid-way is finished, not doubled.
 */
export class BulkLedger {
  private fd: number | undefined;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  /** An fdatasync on the thread pool, so the rows never wait for the disk. */
  private syncing = false;
  private readonly done = new Map<number, RowResult & { digest: string }>();
  private readonly started = new Set<number>();
  private runs = 0;

  private constructor(
    readonly file: string,
    private readonly syncEveryMs: number,
  ) {}

  /**
   * Opens (or creates) the ledger for this identity. A ledger of another verb, organization or
   * input is refused unless `restart` (then it is started afresh).
   */
  static open(file: string, identity: LedgerIdentity, options: { restart: boolean; syncEveryMs?: number }): BulkLedger {
    const ledger = new BulkLedger(file, options.syncEveryMs ?? 100);
    let partial = false;
    if (existsSync(file) && !options.restart) {
      const text = readFileSync(file, "utf8");
      partial = text !== "" && !text.endsWith("\n");
      let first = true;
      for (const line of text.split("\n")) {
        if (line.trim() === "") continue;
        let e: Event;
        try {
          e = JSON.parse(line) as Event;
        } catch {
          continue; // a line cut short by a crash
        }
        if (first && e.t === "run" && (e.verb !== identity.verb || e.org !== identity.org)) {
          throw new UsageError(
            `the ledger ${file} belongs to another run (bulk ${e.verb} in organization ${e.org})`,
            "pass another --report, or --restart to start this one afresh",
          );
        }
        first = false;
        ledger.apply(e);
      }
    }
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    ledger.fd = openSync(file, options.restart ? "w" : "a", 0o600);
    if (partial) writeSync(ledger.fd, "\n");
    ledger.append({ t: "run", ...identity, at: new Date().toISOString() });
    ledger.sync();
    return ledger;
  }

  /** How many times this input was run before (0: a fresh start). */
  get previousRuns(): number {
    return this.runs - 1;
  }

  /** The row, with these very fields (`digest`), finished ok in an earlier run. */
  isDone(row: number, digest: string): boolean {
    const d = this.done.get(row);
    return d?.outcome === "ok" && d.digest === digest;
  }

  result(row: number): RowResult | undefined {
    const d = this.done.get(row);
    if (d === undefined) return undefined;
    const { digest: _digest, ...result } = d;
    return result;
  }

  /** Rows started in an earlier run and never finished (cut short by a crash or a kill). */
  interrupted(): number[] {
    return [...this.started].filter((r) => !this.done.has(r));
  }

  start(row: number): void {
    this.append({ t: "start", row });
  }

  finish(result: RowResult, digest: string): void {
    this.append({ t: "done", ...result, digest });
  }

  /** Flushes to disk (fdatasync) and closes. */
  close(): void {
    if (this.fd === undefined) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.sync();
    closeSync(this.fd);
    this.fd = undefined;
  }

  private append(e: Event): void {
    if (this.fd === undefined) throw new Error("the bulk ledger is closed");
    writeSync(this.fd, JSON.stringify(e) + "\n");
    this.apply(e);
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.syncInBackground();
    }, this.syncEveryMs);
  }

  private syncInBackground(): void {
    if (this.fd === undefined || !this.dirty || this.syncing) return;
    this.dirty = false;
    this.syncing = true;
    fdatasync(this.fd, () => {
      this.syncing = false;
    });
  }

  /** At the start and the end: wait for the disk. */
  private sync(): void {
    if (this.fd === undefined) return;
    fdatasyncSync(this.fd);
    this.dirty = false;
  }

  private apply(e: Event): void {
    if (e.t === "run") this.runs++;
    else if (e.t === "start") {
      this.started.add(e.row);
      this.done.delete(e.row);
    } else {
      const { t: _t, ...result } = e;
      this.done.set(e.row, result);
    }
  }
}

import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { replayJsonLines } from "../io/json-lines.js";

/** What wmctl remembers about an export job it started (the service lists only the last seven days). */
export interface LedgerJob {
  readonly jobId: string;
  readonly entityId: string;
  readonly mailbox: string;
  readonly email: string | undefined;
  readonly bucket: string;
  readonly prefix: string;
  /** The `export all` run that started it, if any. */
  readonly runId: string | undefined;
  readonly startTime: string | undefined;
  state: string;
  progress: number | undefined;
  endTime: string | undefined;
  s3Path: string | undefined;
  error: string | undefined;
}

export interface LedgerRun {
  readonly runId: string;
  /** Organization, bucket and prefix: a run resumes only into the same destination. */
  readonly destination: string;
  readonly startedAt: string;
  finishedAt: string | undefined;
}

/** The members of an export job the ledger keeps (the SDK's DescribeMailboxExportJobResponse and MailboxExportJob both fit). */
export interface ObservedJob {
  readonly State?: string | undefined;
  readonly EstimatedProgress?: number | undefined;
  readonly EndTime?: Date | undefined;
  readonly S3Path?: string | undefined;
  readonly ErrorInfo?: string | undefined;
}

type Event =
  | {
      t: "start";
      at: string;
      job: Omit<LedgerJob, "state" | "progress" | "endTime" | "s3Path" | "error"> & { s3Path?: string };
    }
  | {
      t: "state";
      at: string;
      jobId: string;
      state: string;
      progress?: number;
      endTime?: string;
      s3Path?: string;
      error?: string;
    }
  | { t: "run"; at: string; runId: string; destination: string }
  | { t: "run-end"; at: string; runId: string };

/**
 * A local, append-only record (JSON lines, one file per organization) of the export jobs wmctl
 * starts and what became of them. `export all` resumes from it after an interruption, and it keeps
 * jobs known once they fall out of ListMailboxExportJobs' seven-day window. Each event is one
 * `appendFileSync` of one line, so a killed process loses at most the event it was writing.
 */
export class ExportLedger {
  private readonly jobsById = new Map<string, LedgerJob>();
  private readonly runsById = new Map<string, LedgerRun>();
  /** The file ends in a line cut short (a crash while writing): start the next event on a new line. */
  private partialLastLine = false;

  private constructor(readonly file: string) {}

  static open(dataDir: string, orgId: string): ExportLedger {
    const dir = join(dataDir, "export-ledger");
    const ledger = new ExportLedger(join(dir, `${orgId}.jsonl`));
    ledger.partialLastLine = replayJsonLines<Event>(ledger.file, (e) => ledger.apply(e)).partialLastLine;
    return ledger;
  }

  jobs(): LedgerJob[] {
    return [...this.jobsById.values()];
  }

  job(jobId: string): LedgerJob | undefined {
    return this.jobsById.get(jobId);
  }

  /** The newest job for a mailbox (optionally within one run). */
  latestFor(entityId: string, runId?: string): LedgerJob | undefined {
    let best: LedgerJob | undefined;
    for (const j of this.jobsById.values()) {
      if (j.entityId !== entityId || (runId !== undefined && j.runId !== runId)) continue;
      if (best === undefined || (j.startTime ?? "") >= (best.startTime ?? "")) best = j;
    }
    return best;
  }

  /** The newest unfinished run into this destination. */
  openRun(destination: string): LedgerRun | undefined {
    let best: LedgerRun | undefined;
    for (const r of this.runsById.values())
      if (
        r.destination === destination &&
        r.finishedAt === undefined &&
        (best === undefined || r.startedAt >= best.startedAt)
      )
        best = r;
    return best;
  }

  startRun(runId: string, destination: string): LedgerRun {
    this.write({ t: "run", at: new Date().toISOString(), runId, destination });
    return this.runsById.get(runId) as LedgerRun;
  }

  finishRun(runId: string): void {
    this.write({ t: "run-end", at: new Date().toISOString(), runId });
  }

  recordStart(job: Omit<LedgerJob, "state" | "progress" | "endTime" | "s3Path" | "error"> & { s3Path?: string }): void {
    this.write({ t: "start", at: new Date().toISOString(), job });
  }

  recordState(
    jobId: string,
    s: {
      state: string;
      progress?: number | undefined;
      endTime?: string | undefined;
      s3Path?: string | undefined;
      error?: string | undefined;
    },
  ): void {
    const known = this.jobsById.get(jobId);
    if (known !== undefined && known.state === s.state && known.progress === s.progress && known.endTime === s.endTime)
      return;
    this.write({
      t: "state",
      at: new Date().toISOString(),
      jobId,
      state: s.state,
      // Members left undefined are not written (JSON.stringify drops them).
      progress: s.progress,
      endTime: s.endTime,
      s3Path: s.s3Path,
      error: s.error,
    });
  }

  /**
   * Records what the service said about a job (DescribeMailboxExportJob or a ListMailboxExportJobs
   * item), if wmctl started it; a job the ledger does not know is left out.
   */
  observe(jobId: string, j: ObservedJob): void {
    if (!this.jobsById.has(jobId)) return;
    this.recordState(jobId, {
      state: j.State ?? "RUNNING",
      progress: j.EstimatedProgress,
      endTime: j.EndTime?.toISOString(),
      s3Path: j.S3Path,
      error: j.ErrorInfo,
    });
  }

  private write(e: Event): void {
    mkdirSync(join(this.file, ".."), { recursive: true, mode: 0o700 });
    appendFileSync(this.file, (this.partialLastLine ? "\n" : "") + JSON.stringify(e) + "\n", { mode: 0o600 });
    this.partialLastLine = false;
    this.apply(e);
  }

  private apply(e: Event): void {
    switch (e.t) {
      case "start":
        this.jobsById.set(e.job.jobId, {
          ...e.job,
          state: "RUNNING",
          progress: undefined,
          endTime: undefined,
          s3Path: e.job.s3Path,
          error: undefined,
        });
        return;
      case "state": {
        const j = this.jobsById.get(e.jobId);
        if (j === undefined) return;
        j.state = e.state;
        if (e.progress !== undefined) j.progress = e.progress;
        if (e.endTime !== undefined) j.endTime = e.endTime;
        if (e.s3Path !== undefined) j.s3Path = e.s3Path;
        if (e.error !== undefined) j.error = e.error;
        return;
      }
      case "run":
        this.runsById.set(e.runId, {
          runId: e.runId,
          destination: e.destination,
          startedAt: e.at,
          finishedAt: undefined,
        });
        return;
      case "run-end": {
        const r = this.runsById.get(e.runId);
        if (r !== undefined) r.finishedAt = e.at;
        return;
      }
    }
  }
}

import { randomUUID } from "node:crypto";
import type { MailboxExportJob } from "@aws-sdk/client-workmail";
import { paginate } from "../backend/paginate.js";
import type { WorkMailApi } from "../backend/workmail-api.js";
import type { ExportDestination } from "./destination.js";
import type { ExportLedger, LedgerJob } from "./ledger.js";

export const MAX_CONCURRENT_JOBS = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED"]);

export interface MailboxTarget {
  readonly id: string;
  readonly name: string;
  readonly email: string | undefined;
  readonly type: "USER" | "RESOURCE";
}

/**
 * A mailbox's outcome: COMPLETED, FAILED, CANCELLED (the job's state); DEFERRED (a job for it
 * failed or was cancelled less than 24 hours ago, so it cannot be exported again yet); RUNNING
 * (still running when the run stopped: run again to resume); NOT_STARTED (the run stopped first);
 * ERROR (the service refused to start a job).
 */
export interface MailboxReport {
  mailbox: string;
  email: string | undefined;
  type: string;
  entityId: string;
  state: "COMPLETED" | "FAILED" | "CANCELLED" | "DEFERRED" | "RUNNING" | "NOT_STARTED" | "ERROR";
  jobId: string | undefined;
  startTime: Date | undefined;
  endTime: Date | undefined;
  bucket: string | undefined;
  s3Path: string | undefined;
  note: string | undefined;
}

interface ExportAllProgress {
  readonly total: number;
  readonly done: number;
  readonly running: number;
  readonly failed: number;
  readonly deferred: number;
}

export interface ExportAllOptions {
  readonly api: WorkMailApi;
  readonly orgId: string;
  readonly ledger: ExportLedger;
  readonly destination: ExportDestination;
  /** Jobs kept running at once (at most the service's 10). */
  readonly concurrency: number;
  readonly pollMs: number;
  /** Wall-clock budget; when it runs out, running jobs are left running (a later run resumes them). */
  readonly timeoutMs: number;
  readonly description?: string | undefined;
  /** Start a new run instead of resuming the open one into the same destination. */
  readonly restart: boolean;
  /** The service's current time (the simulator's clock on the local backend). */
  serviceNow(): Promise<number>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Resolves when the user stops the run (Ctrl-C): it ends as a timeout does, jobs left running. */
  readonly interrupted?: Promise<unknown>;
  onProgress?(p: ExportAllProgress): void;
}

/**
 * `export all`: exports every target mailbox through a queue that keeps `concurrency` jobs running,
 * respects the once-every-24-hours rule, and records every job in the ledger so that an interrupted
 * run resumes where it stopped. A mailbox exported (or being exported) within the last 24 hours, by
 * this run, an earlier one or another tool, is not exported again: that job is adopted.
 */
export async function exportAll(
  options: ExportAllOptions,
  targets: readonly MailboxTarget[],
): Promise<{ runId: string; reports: MailboxReport[]; finished: boolean; interrupted: boolean }> {
  const { api, orgId, ledger, destination } = options;
  let interrupted = false;
  let timer: NodeJS.Timeout | undefined;
  const stop = options.interrupted?.then(() => {
    interrupted = true;
    if (timer !== undefined) clearTimeout(timer);
  });
  const pause = options.sleep ?? ((ms: number) => new Promise<void>((r) => (timer = setTimeout(r, ms))));
  const sleep = (ms: number) => (stop === undefined ? pause(ms) : Promise.race([pause(ms), stop]));
  const now = options.now ?? Date.now;
  const concurrency = Math.max(1, Math.min(MAX_CONCURRENT_JOBS, options.concurrency));
  const destinationKey = `${orgId}|${destination.bucket}|${destination.prefix}`;
  const run =
    (options.restart ? undefined : ledger.openRun(destinationKey)) ?? ledger.startRun(randomUUID(), destinationKey);

  const reports = new Map<string, MailboxReport>();
  // Fields in the report's order (REPORT_FIELDS), so that -o json reads as the table does.
  const report = (t: MailboxTarget, { state, ...r }: Partial<MailboxReport> & Pick<MailboxReport, "state">) =>
    reports.set(t.id, {
      mailbox: t.name,
      email: t.email,
      type: t.type,
      entityId: t.id,
      state,
      jobId: undefined,
      startTime: undefined,
      endTime: undefined,
      bucket: undefined,
      s3Path: undefined,
      note: undefined,
      ...r,
    });
  const fromJob = (j: {
    jobId: string;
    state: string;
    startTime?: string | Date | undefined;
    endTime?: string | Date | undefined;
    bucket?: string | undefined;
    s3Path?: string | undefined;
  }) => ({
    jobId: j.jobId,
    startTime: j.startTime === undefined ? undefined : new Date(j.startTime),
    endTime: j.endTime === undefined ? undefined : new Date(j.endTime),
    bucket: j.bucket,
    s3Path: j.s3Path,
  });

  // What the service and the ledger know: the newest job per mailbox.
  const listed = await listJobs(api, orgId);
  const newest = new Map<
    string,
    {
      jobId: string;
      state: string;
      startTime: number;
      bucket?: string | undefined;
      s3Path?: string | undefined;
      endTime?: Date | undefined;
    }
  >();
  const consider = (
    entityId: string,
    j: {
      jobId: string;
      state: string;
      startTime: number;
      bucket?: string | undefined;
      s3Path?: string | undefined;
      endTime?: Date | undefined;
    },
  ) => {
    const n = newest.get(entityId);
    if (n === undefined || j.startTime > n.startTime) newest.set(entityId, j);
  };
  for (const j of listed.values()) {
    if (j.EntityId !== undefined && j.JobId !== undefined && j.StartTime !== undefined) {
      consider(j.EntityId, {
        jobId: j.JobId,
        state: j.State ?? "RUNNING",
        startTime: j.StartTime.getTime(),
        bucket: j.S3BucketName,
        s3Path: j.S3Path,
        endTime: j.EndTime,
      });
    }
  }
  for (const j of ledger.jobs()) {
    if (j.startTime !== undefined && !listed.has(j.jobId))
      consider(j.entityId, {
        jobId: j.jobId,
        state: j.state,
        startTime: Date.parse(j.startTime),
        bucket: j.bucket,
        s3Path: j.s3Path,
      });
  }

  const active = new Map<string, MailboxTarget>();
  const pending: MailboxTarget[] = [];
  const serviceNow = await options.serviceNow();
  for (const t of targets) {
    const mine = ledger.latestFor(t.id, run.runId);
    if (mine?.state === "COMPLETED") {
      report(t, { state: "COMPLETED", ...fromJob(mine), note: "exported earlier in this run" });
      continue;
    }
    if (mine !== undefined && !TERMINAL.has(mine.state)) {
      active.set(mine.jobId, t);
      continue;
    }
    const recent = newest.get(t.id);
    if (recent !== undefined && serviceNow - recent.startTime < DAY_MS && recent.jobId !== mine?.jobId) {
      if (recent.state === "COMPLETED") {
        report(t, {
          state: "COMPLETED",
          ...fromJob({ ...recent, startTime: new Date(recent.startTime) }),
          note: `exported less than 24 hours ago by job ${recent.jobId}`,
        });
        continue;
      }
      if (!TERMINAL.has(recent.state)) {
        active.set(recent.jobId, t);
        continue;
      }
    }
    pending.push(t);
  }

  const started = now();
  const progress = () => {
    const all = [...reports.values()];
    options.onProgress?.({
      total: targets.length,
      done: all.filter((r) => r.state === "COMPLETED").length,
      running: active.size,
      failed: all.filter((r) => r.state === "FAILED" || r.state === "CANCELLED" || r.state === "ERROR").length,
      deferred: all.filter((r) => r.state === "DEFERRED").length,
    });
  };
  progress();

  for (;;) {
    if (active.size > 0) {
      const jobs = await listJobs(api, orgId);
      for (const [jobId, t] of active) {
        const j = jobs.get(jobId) ?? (await describe(api, orgId, jobId));
        if (j === undefined) {
          active.delete(jobId);
          report(t, { state: "ERROR", jobId, note: "the service no longer knows this job" });
          continue;
        }
        ledger.observe(jobId, j);
        if (TERMINAL.has(j.State ?? "")) {
          active.delete(jobId);
          const ledgerJob: LedgerJob | undefined = ledger.job(jobId);
          report(t, {
            state: j.State as "COMPLETED" | "FAILED" | "CANCELLED",
            ...fromJob({
              jobId,
              state: j.State ?? "",
              startTime: j.StartTime,
              endTime: j.EndTime,
              bucket: j.S3BucketName ?? ledgerJob?.bucket,
              s3Path: j.S3Path,
            }),
            note: (j as { ErrorInfo?: string }).ErrorInfo ?? ledgerJob?.error,
          });
        }
      }
    }

    let waitForSlot = false;
    while (active.size < concurrency && pending.length > 0 && !waitForSlot) {
      const t = pending[0] as MailboxTarget;
      const recent = newest.get(t.id);
      const nowService = await options.serviceNow();
      if (recent !== undefined && nowService - recent.startTime < DAY_MS) {
        pending.shift();
        report(t, {
          state: "DEFERRED",
          ...fromJob({ ...recent, startTime: new Date(recent.startTime) }),
          note: `job ${recent.jobId} ${recent.state.toLowerCase()} less than 24 hours ago; a mailbox can be exported once every 24 hours (next after ${new Date(recent.startTime + DAY_MS).toISOString()})`,
        });
        continue;
      }
      try {
        const { JobId } = await api.startMailboxExportJob({
          OrganizationId: orgId,
          EntityId: t.id,
          ClientToken: randomUUID(),
          RoleArn: destination.roleArn,
          KmsKeyArn: destination.kmsKeyArn,
          S3BucketName: destination.bucket,
          S3Prefix: destination.prefix,
          ...(options.description === undefined ? {} : { Description: options.description }),
        });
        const jobId = JobId as string;
        pending.shift();
        const startTime = new Date(await options.serviceNow());
        ledger.recordStart({
          jobId,
          entityId: t.id,
          mailbox: t.name,
          email: t.email,
          bucket: destination.bucket,
          prefix: destination.prefix,
          runId: run.runId,
          startTime: startTime.toISOString(),
        });
        newest.set(t.id, { jobId, state: "RUNNING", startTime: startTime.getTime(), bucket: destination.bucket });
        active.set(jobId, t);
      } catch (e) {
        const name = (e as { name?: string; code?: string }).code ?? (e as Error).name;
        const message = (e as Error).message;
        if (name === "LimitExceededException" || /LimitExceededException/.test(message)) {
          // Another tool's jobs may hold the organization's slots: wait for one. Otherwise it is
          // this mailbox's 24-hour rule (a job started outside wmctl and older than the list).
          const running = [...(await listJobs(api, orgId)).values()].filter((j) => j.State === "RUNNING").length;
          if (running >= MAX_CONCURRENT_JOBS || active.size > 0) {
            waitForSlot = true;
            continue;
          }
          pending.shift();
          report(t, { state: "DEFERRED", note: message });
          continue;
        }
        pending.shift();
        report(t, { state: "ERROR", note: message });
      }
    }
    progress();
    if (active.size === 0 && pending.length === 0) break;
    if (now() - started >= options.timeoutMs || interrupted) break;
    await sleep(options.pollMs);
    if (interrupted) break;
  }

  for (const [jobId, t] of active) {
    const j = ledger.job(jobId);
    report(t, {
      state: "RUNNING",
      ...fromJob({ jobId, state: "RUNNING", startTime: j?.startTime, bucket: j?.bucket }),
      note: "still running; run `wmctl export all` again to resume",
    });
  }
  for (const t of pending)
    report(t, {
      state: "NOT_STARTED",
      note: "the run stopped before this mailbox; run `wmctl export all` again to resume",
    });
  const finished = active.size === 0 && pending.length === 0;
  if (finished) ledger.finishRun(run.runId);
  return { runId: run.runId, reports: targets.map((t) => reports.get(t.id) as MailboxReport), finished, interrupted };
}

async function listJobs(api: WorkMailApi, orgId: string): Promise<Map<string, MailboxExportJob>> {
  const jobs = new Map<string, MailboxExportJob>();
  for await (const j of paginate((t) => api.listMailboxExportJobs({ OrganizationId: orgId, NextToken: t }), "Jobs")) {
    if (j.JobId !== undefined) jobs.set(j.JobId, j);
  }
  return jobs;
}

async function describe(api: WorkMailApi, orgId: string, jobId: string): Promise<MailboxExportJob | undefined> {
  try {
    return { JobId: jobId, ...(await api.describeMailboxExportJob({ OrganizationId: orgId, JobId: jobId })) };
  } catch (e) {
    if ((e as Error).name === "EntityNotFoundException") return undefined;
    throw e;
  }
}

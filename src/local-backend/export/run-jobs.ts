import { randomUUID } from "node:crypto";
import type { AsyncContext } from "../operations/handler.js";
import type { ExportJobRow } from "./job-row.js";
import { requireOrganization } from "../operations/organizations.js";
import { applyTimeRules, unlinkAll } from "../mail/time-rules.js";
import { exportKeys, getBucket, objectPath, removeStalePartials } from "./buckets.js";
import { ExportStopped, writeExport } from "./write-export.js";

/** How long a process may hold a job without a heartbeat before another may take it over. */
const LEASE_MS = 120_000;

interface Claim {
  readonly job: ExportJobRow;
  readonly leaseId: string;
  readonly zipPath: string;
  readonly logPath: string;
  readonly publicBucket: boolean;
}

/**
 * Where the simulated service does its work. A job is RUNNING until its due time (simulator
 * clock: the lifecycle's exportJobSeconds plus its size at exportMegabytesPerSecond; immediate by
 * default). The first DescribeMailboxExportJob, ListMailboxExportJobs or CancelMailboxExportJob
 * that sees a job past its due time writes its zip and log, streamed, and completes it; meanwhile
 * the job is leased, so other callers and processes see it RUNNING with the work done so far and
 * never write it twice. A lease whose holder died expires and the next caller starts over.
 */
export async function runDueJobs(ctx: AsyncContext, orgId: string, jobId?: string): Promise<void> {
  // The mailbox as the clock left it: the 30-day rule and the retention policy come first.
  unlinkAll(ctx.tx((sim) => applyTimeRules(sim, orgId)).removedFiles);
  const claims = ctx.tx((sim) => {
    requireOrganization(sim, orgId);
    const wall = Date.now();
    const due = sim.db
      .prepare<[string, number, number, string | null, string | null], ExportJobRow>(
        `SELECT * FROM export_jobs
          WHERE org_id = ? AND state = 'RUNNING' AND due_at <= ? AND (lease_until IS NULL OR lease_until < ?) AND (? IS NULL OR id = ?)
          ORDER BY seq`,
      )
      .all(orgId, sim.now.getTime(), wall, jobId ?? null, jobId ?? null);
    return due.map((job): Claim => {
      const leaseId = randomUUID();
      sim.db
        .prepare("UPDATE export_jobs SET lease_id = ?, lease_until = ?, work_bytes = 0 WHERE seq = ?")
        .run(leaseId, wall + LEASE_MS, job.seq);
      const keys = exportKeys(job.prefix, job.id);
      return {
        job,
        leaseId,
        zipPath: objectPath(sim.paths, job.bucket, keys.zip),
        logPath: objectPath(sim.paths, job.bucket, keys.log),
        publicBucket: getBucket(sim, job.bucket)?.public_access === 1,
      };
    });
  });
  for (const claim of claims) {
    // A writer that held the job before this claim died (its lease expired): its half-written files go.
    removeStalePartials(ctx.paths, claim.job.bucket, claim.job.prefix, claim.job.id, claim.leaseId);
    await runJob(ctx, claim);
  }
}

async function runJob(ctx: AsyncContext, claim: Claim): Promise<void> {
  const { job, leaseId } = claim;
  const wallStart = Date.now();
  let endedAt = job.due_at;
  const endTime = () => (endedAt = job.due_at + (Date.now() - wallStart));
  const heartbeat = (bytes: number) =>
    ctx.tx(
      (sim) =>
        sim.db
          .prepare(
            "UPDATE export_jobs SET work_bytes = ?, lease_until = ? WHERE seq = ? AND lease_id = ? AND state = 'RUNNING'",
          )
          .run(bytes, Date.now() + LEASE_MS, job.seq, leaseId).changes === 1,
    );

  let log: string | null = null;
  let error: string | null = null;
  if (claim.publicBucket) {
    error = `The S3 bucket ${job.bucket} allows public access; mailbox exports are only written to buckets that block public access.`;
  } else {
    try {
      const outcome = await writeExport(
        { paths: ctx.paths, tx: (fn) => ctx.tx(fn), heartbeat },
        {
          orgId: job.org_id,
          entityId: job.entity_id,
          zipPath: claim.zipPath,
          logPath: claim.logPath,
          startedAt: job.started_at,
          leaseId,
        },
        endTime,
      );
      log = JSON.stringify(outcome);
    } catch (e) {
      if (e instanceof ExportStopped) return;
      error = `The mailbox export failed: ${(e as Error).message}`.slice(0, 1024);
    }
  }
  if (error !== null) endTime();
  ctx.tx((sim) =>
    sim.db
      .prepare(
        `UPDATE export_jobs SET state = ?, ended_at = ?, progress = ?, error_info = ?, log = ?, lease_id = NULL, lease_until = NULL
          WHERE seq = ? AND lease_id = ? AND state = 'RUNNING'`,
      )
      .run(error === null ? "COMPLETED" : "FAILED", endedAt, error === null ? 100 : 90, error, log, job.seq, leaseId),
  );
}

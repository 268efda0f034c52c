import { createHash, randomUUID } from "node:crypto";
import type { Sim } from "../sim.js";
import { fail } from "../errors.js";
import { bucketForExport, exportKeys, objectPath, removeStalePartials } from "../export/buckets.js";
import type { ExportJobRow } from "../export/job-row.js";
import { runDueJobs } from "../export/run-jobs.js";
import { BYTES_PER_MB, getMailbox } from "../mail/mailbox-store.js";
import { sweepExpiredMailboxes } from "../mail/retention.js";
import { startPage } from "../pagination.js";
import type { Handlers } from "./handler.js";
import { requireMailboxOwner } from "./mailboxes.js";
import { requireOrganization } from "./organizations.js";

/** Guide, "Exporting mailbox content" considerations. */
export const MAX_CONCURRENT_EXPORTS = 10;
export const MAILBOX_EXPORT_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** ListMailboxExportJobs: "the mailbox export jobs started ... within the last seven days". */
export const LIST_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export function getJob(sim: Sim, orgId: string, jobId: string): ExportJobRow | undefined {
  return sim.db
    .prepare<[string, string], ExportJobRow>("SELECT * FROM export_jobs WHERE org_id = ? AND id = ?")
    .get(orgId, jobId);
}

function requireJob(sim: Sim, orgId: string, jobId: string): ExportJobRow {
  const job = getJob(sim, orgId, jobId);
  if (job === undefined)
    throw fail.entityNotFound(`The mailbox export job ${jobId} does not exist in organization ${orgId}.`);
  return job;
}

/** Whether a process is writing the job's zip right now (wall-clock lease). */
function leased(job: ExportJobRow): boolean {
  return job.lease_until !== null && job.lease_until > Date.now();
}

/**
 * EstimatedProgress: a RUNNING job advances with the simulator clock towards its due time (up to
 * 90 %), then with the work done while its zip is written (the last 10 %, never 100 before the
 * job is COMPLETED).
 */
export function progressOf(job: ExportJobRow, now: number): number {
  if (job.state === "COMPLETED") return 100;
  if (job.state !== "RUNNING") return job.progress;
  const span = job.due_at - job.started_at;
  const clock = span > 0 ? Math.min(1, Math.max(0, (now - job.started_at) / span)) : 1;
  const work = leased(job) && job.estimated_bytes > 0 ? Math.min(1, job.work_bytes / job.estimated_bytes) : 0;
  return Math.min(99, Math.floor(90 * clock + 10 * work));
}

/** Jobs that take one of the organization's ten slots: running and not yet due, or being written. */
function runningJobs(sim: Sim, orgId: string): number {
  return (
    sim.db
      .prepare<[string, number, number], { n: number }>(
        "SELECT count(*) AS n FROM export_jobs WHERE org_id = ? AND state = 'RUNNING' AND (due_at > ? OR lease_until > ?)",
      )
      .get(orgId, sim.now.getTime(), Date.now())?.n ?? 0
  );
}

function arnParts(arn: string): { service: string; region: string; account: string; resource: string } {
  const [, , service = "", region = "", account = "", ...rest] = arn.split(":");
  return { service, region, account, resource: rest.join(":") };
}

function checkDestination(sim: Sim, input: { RoleArn: string; KmsKeyArn: string; S3BucketName: string }): void {
  const role = arnParts(input.RoleArn);
  if (
    role.service !== "iam" ||
    role.region !== "" ||
    !role.resource.startsWith("role/") ||
    !/^\d{12}$/.test(role.account)
  ) {
    throw fail.invalidParameter(
      `The role ARN ${input.RoleArn} is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME).`,
    );
  }
  const key = arnParts(input.KmsKeyArn);
  if (!/^\d{12}$/.test(key.account) || !(key.resource.startsWith("key/") || key.resource.startsWith("alias/"))) {
    throw fail.invalidParameter(
      `The KMS key ARN ${input.KmsKeyArn} does not name a key (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID).`,
    );
  }
  if (key.region !== sim.region) {
    throw fail.invalidParameter(
      `The KMS key ${input.KmsKeyArn} is in ${key.region || "no region"}; the organization, the KMS key and the S3 bucket must all be in ${sim.region}.`,
    );
  }
  const bucket = bucketForExport(sim, input.S3BucketName);
  if (bucket.region !== sim.region) {
    throw fail.invalidParameter(
      `The S3 bucket ${bucket.name} is in ${bucket.region}; the organization, the KMS key and the S3 bucket must all be in ${sim.region}.`,
    );
  }
}

function describeJob(job: ExportJobRow, now: number) {
  return {
    EntityId: job.entity_id,
    ...(job.description === null ? {} : { Description: job.description }),
    RoleArn: job.role_arn,
    KmsKeyArn: job.kms_key_arn,
    S3BucketName: job.bucket,
    S3Prefix: job.prefix,
    S3Path: job.s3_path,
    EstimatedProgress: progressOf(job, now),
    State: job.state,
    ...(job.error_info === null ? {} : { ErrorInfo: job.error_info }),
    StartTime: new Date(job.started_at),
    ...(job.ended_at === null ? {} : { EndTime: new Date(job.ended_at) }),
  };
}

export const exportJobHandlers: Handlers = {
  StartMailboxExportJob(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    sweepExpiredMailboxes(sim, org.id);
    const now = sim.now.getTime();
    const request = {
      e: input.EntityId,
      r: input.RoleArn,
      k: input.KmsKeyArn,
      b: input.S3BucketName,
      p: input.S3Prefix,
      d: input.Description ?? null,
    };
    const hash = createHash("sha256").update(JSON.stringify(request)).digest("hex");
    // Required by the model (validated); the SDK types idempotency tokens as optional because it fills them.
    const clientToken = input.ClientToken as string;
    const previous = sim.db
      .prepare<[string, string], ExportJobRow>("SELECT * FROM export_jobs WHERE org_id = ? AND client_token = ?")
      .get(org.id, clientToken);
    if (previous !== undefined) {
      if (previous.request_hash !== hash)
        throw fail.invalidParameter(
          "The client token was already used for a mailbox export job with other parameters.",
        );
      return { JobId: previous.id };
    }
    const owner = requireMailboxOwner(sim, org.id, input.EntityId);
    checkDestination(sim, input);
    const id = randomUUID();
    const keys = exportKeys(input.S3Prefix, id);
    objectPath(sim.paths, input.S3BucketName, keys.zip);

    if (runningJobs(sim, org.id) >= MAX_CONCURRENT_EXPORTS) {
      throw fail.limitExceeded(
        `Organization ${org.id} already runs ${MAX_CONCURRENT_EXPORTS} mailbox export jobs; you can run up to ${MAX_CONCURRENT_EXPORTS} concurrently.`,
      );
    }
    const recent = sim.db
      .prepare<[string, string, number], { started_at: number }>(
        "SELECT max(started_at) AS started_at FROM export_jobs WHERE org_id = ? AND entity_id = ? AND started_at > ?",
      )
      .get(org.id, owner.id, now - MAILBOX_EXPORT_INTERVAL_MS);
    if (recent?.started_at != null) {
      const next = new Date(recent.started_at + MAILBOX_EXPORT_INTERVAL_MS).toISOString();
      throw fail.limitExceeded(
        `A mailbox export job for ${owner.name} was started within the last 24 hours; a mailbox can be exported once every 24 hours (next after ${next}).`,
      );
    }

    const bytes = getMailbox(sim, org.id, owner.id)?.size_bytes ?? 0;
    const rate = sim.lifecycle.exportMegabytesPerSecond;
    const durationMs = sim.lifecycle.exportJobSeconds * 1000 + (rate > 0 ? (bytes / BYTES_PER_MB / rate) * 1000 : 0);
    sim.db
      .prepare(
        `INSERT INTO export_jobs (org_id, id, entity_id, description, role_arn, kms_key_arn, bucket, prefix, s3_path, client_token, request_hash, state, started_at, due_at, estimated_bytes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?)`,
      )
      .run(
        org.id,
        id,
        owner.id,
        input.Description ?? null,
        input.RoleArn,
        input.KmsKeyArn,
        input.S3BucketName,
        input.S3Prefix,
        keys.zip,
        clientToken,
        hash,
        now,
        now + Math.round(durationMs),
        bytes,
      );
    return { JobId: id };
  },

  DescribeMailboxExportJob: {
    async: async (ctx, input) => {
      await runDueJobs(ctx, input.OrganizationId, input.JobId);
      return ctx.tx((sim) => {
        const org = requireOrganization(sim, input.OrganizationId);
        return describeJob(requireJob(sim, org.id, input.JobId), sim.now.getTime());
      });
    },
  },

  ListMailboxExportJobs: {
    async: async (ctx, input) => {
      await runDueJobs(ctx, input.OrganizationId);
      return ctx.tx((sim) => {
        const org = requireOrganization(sim, input.OrganizationId);
        const now = sim.now.getTime();
        const pager = startPage("ListMailboxExportJobs", input, { org: org.id });
        const rows = sim.db
          .prepare<[string, number, number, number], ExportJobRow>(
            "SELECT * FROM export_jobs WHERE org_id = ? AND started_at >= ? AND seq > ? ORDER BY seq LIMIT ?",
          )
          .all(org.id, now - LIST_WINDOW_MS, Number(pager.after ?? 0), pager.limit + 1);
        const page = pager.finish(rows, (r) => r.seq);
        return {
          Jobs: page.items.map((job) => {
            const d = describeJob(job, now);
            return {
              JobId: job.id,
              EntityId: d.EntityId,
              ...(d.Description === undefined ? {} : { Description: d.Description }),
              S3BucketName: d.S3BucketName,
              S3Path: d.S3Path,
              EstimatedProgress: d.EstimatedProgress,
              State: d.State,
              StartTime: d.StartTime,
              ...(d.EndTime === undefined ? {} : { EndTime: d.EndTime }),
            };
          }),
          ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
        };
      });
    },
  },

  CancelMailboxExportJob: {
    async: async (ctx, input) => {
      // A job that is due is finished first: near completion, a job cannot be cancelled.
      await runDueJobs(ctx, input.OrganizationId, input.JobId);
      const cancelled = ctx.tx((sim) => {
        const org = requireOrganization(sim, input.OrganizationId);
        const job = requireJob(sim, org.id, input.JobId);
        if (job.state === "CANCELLED") return undefined;
        if (job.state !== "RUNNING")
          throw fail.invalidParameter(
            `The mailbox export job ${job.id} is already ${job.state} and cannot be cancelled.`,
          );
        if (leased(job))
          throw fail.invalidParameter(`The mailbox export job ${job.id} is near completion and cannot be cancelled.`);
        const now = sim.now.getTime();
        sim.db
          .prepare(
            "UPDATE export_jobs SET state = 'CANCELLED', ended_at = ?, progress = ?, cancel_client_token = ?, lease_id = NULL, lease_until = NULL WHERE seq = ?",
          )
          .run(now, progressOf(job, now), input.ClientToken ?? null, job.seq);
        return job;
      });
      // No writer holds a cancelled job: what a dead one left is removed.
      if (cancelled !== undefined) removeStalePartials(ctx.paths, cancelled.bucket, cancelled.prefix, cancelled.id);
      return {};
    },
  },
};

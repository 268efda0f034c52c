import type { DescribeMailboxExportJobResponse, MailboxExportJob } from "@aws-sdk/client-workmail";
import { findExportLog, readExportLog, type ExportStorage } from "../../backend/export-storage.js";
import type { CommandContext } from "../../context/context.js";
import type { OutputSpec } from "../../output/format.js";

export interface ExportJobView {
  id: string | undefined;
  mailbox: string | undefined;
  entityId: string | undefined;
  state: string | undefined;
  progress: number | undefined;
  startTime: Date | undefined;
  endTime: Date | undefined;
  bucket: string | undefined;
  prefix?: string | undefined;
  s3Path: string | undefined;
  location: string | undefined;
  description: string | undefined;
  error?: string | undefined;
  roleArn?: string | undefined;
  kmsKeyArn?: string | undefined;
  /** From the export log, when it can be read (describe). */
  messages?: number | undefined;
  bytes?: number | undefined;
  folders?: number | undefined;
  nonExportableItems?: number | undefined;
}

const EXPORT_JOB_FIELDS = [
  "id",
  "mailbox",
  "entityId",
  "state",
  "progress",
  "startTime",
  "endTime",
  "bucket",
  "prefix",
  "s3Path",
  "location",
  "description",
  "error",
  "roleArn",
  "kmsKeyArn",
  "messages",
  "bytes",
  "folders",
  "nonExportableItems",
] as const;

export const exportJobListOutput: OutputSpec = {
  fields: EXPORT_JOB_FIELDS,
  columns: ["id", "mailbox", "state", "progress", "startTime", "endTime", "s3Path"],
  list: true,
  empty: "no export jobs",
};
export const exportJobRecordOutput: OutputSpec = {
  fields: EXPORT_JOB_FIELDS,
  columns: [
    "id",
    "mailbox",
    "entityId",
    "state",
    "progress",
    "startTime",
    "endTime",
    "bucket",
    "s3Path",
    "location",
    "messages",
    "bytes",
    "folders",
    "nonExportableItems",
    "description",
    "error",
  ],
};

/** The fields read from a completed job's export log. */
export const LOG_COUNT_FIELDS: readonly string[] = ["messages", "bytes", "folders", "nonExportableItems"];

/** The counts of a finished job's export log (undefined when it cannot be read: missing, no access). */
export async function logCounts(
  storage: ExportStorage,
  bucket: string | undefined,
  s3Path: string | undefined,
): Promise<Partial<ExportJobView>> {
  if (bucket === undefined || s3Path === undefined) return {};
  try {
    const key = await findExportLog(storage, bucket, s3Path);
    if (key === undefined) return {};
    const log = await readExportLog(storage, bucket, key);
    const n = (v: unknown) => (typeof v !== "string" || v === "" || Number.isNaN(Number(v)) ? undefined : Number(v));
    return {
      messages: n(log.totalMessages),
      bytes: n(log.totalBytes),
      folders: n(log.totalFolders),
      nonExportableItems: n(log.totalNonExportableItems),
    };
  } catch {
    return {};
  }
}

/** The log's counts of a COMPLETED job (nothing for a job in another state). */
export async function finishedLogCounts(
  storage: ExportStorage,
  j: DescribeMailboxExportJobResponse,
): Promise<Partial<ExportJobView>> {
  return j.State === "COMPLETED" ? logCounts(storage, j.S3BucketName, j.S3Path) : {};
}

/** The mailbox name of a job (its entity id when it cannot be resolved any more). */
export async function mailboxName(ctx: CommandContext, entityId: string | undefined): Promise<string | undefined> {
  if (entityId === undefined) return undefined;
  try {
    return (await ctx.resolve.entity(entityId, ["USER", "RESOURCE"])).name;
  } catch {
    return entityId;
  }
}

export function exportJobView(
  jobId: string,
  j: DescribeMailboxExportJobResponse | MailboxExportJob,
  mailbox: string | undefined,
  storage: ExportStorage | undefined,
): ExportJobView {
  const d = j as DescribeMailboxExportJobResponse;
  return {
    id: jobId,
    mailbox,
    entityId: j.EntityId,
    state: j.State,
    progress: j.EstimatedProgress,
    startTime: j.StartTime,
    endTime: j.EndTime,
    bucket: j.S3BucketName,
    prefix: d.S3Prefix,
    s3Path: j.S3Path,
    location:
      storage !== undefined && j.S3BucketName !== undefined && j.S3Path !== undefined && j.State === "COMPLETED"
        ? storage.location(j.S3BucketName, j.S3Path)
        : undefined,
    description: j.Description,
    error: d.ErrorInfo,
    roleArn: d.RoleArn,
    kmsKeyArn: d.KmsKeyArn,
  };
}

export const TERMINAL_STATES: readonly string[] = ["COMPLETED", "FAILED", "CANCELLED"];

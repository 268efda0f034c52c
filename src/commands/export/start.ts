import { randomUUID } from "node:crypto";
import type { DescribeMailboxExportJobResponse } from "@aws-sdk/client-workmail";
import { defineCommand } from "../../cli/define-command.js";
import type { CommandContext } from "../../context/context.js";
import { CliError, PendingError, UsageError } from "../../errors/cli-error.js";
import { ExitCode } from "../../errors/exit-codes.js";
import { resolveDestination, type DestinationFlags, type ExportDestination } from "../../export-jobs/destination.js";
import { ExportLedger } from "../../export-jobs/ledger.js";
import { exportJobRecordOutput, exportJobView, finishedLogCounts } from "./view.js";
import { waitForJobs } from "./wait.js";
import { validateRequest } from "../../backend/validate-request.js";

export const DESTINATION_OPTIONS = {
  roleArn: {
    kind: "string",
    placeholder: "arn",
    describe: "IAM role the export service assumes (default: the profile's exportRoleArn)",
  },
  kmsKeyArn: {
    kind: "string",
    placeholder: "arn",
    describe: "Symmetric KMS key, in the organization's region (default: the profile's exportKmsKeyArn)",
  },
  bucket: {
    kind: "string",
    placeholder: "name",
    describe: "S3 bucket without public access, in the organization's region (default: the profile's exportBucket)",
  },
  prefix: {
    kind: "string",
    placeholder: "prefix",
    describe: "S3 key prefix (default: the profile's exportPrefix, else mailbox-exports)",
  },
} as const;

/** The destination from flags and profile; a simulator (also one served at --endpoint-url) needs none. */
export async function destinationFor(ctx: CommandContext, flags: DestinationFlags): Promise<ExportDestination> {
  const complete =
    (flags.roleArn ?? ctx.settings.profile.exportRoleArn) !== undefined &&
    (flags.kmsKeyArn ?? ctx.settings.profile.exportKmsKeyArn) !== undefined &&
    (flags.bucket ?? ctx.settings.profile.exportBucket) !== undefined;
  const simulated =
    ctx.settings.backend === "local" ||
    (!complete && ctx.settings.endpointUrl !== undefined && (await ctx.findSimulator()).control !== undefined);
  return resolveDestination(flags, ctx.settings, simulated);
}

export const exportStartCommand = defineCommand({
  name: "start",
  summary: "Start exporting a mailbox to S3 (a .zip of its messages in MIME format)",
  description:
    "Exports all email messages and calendar items of a user's or resource's mailbox (contacts, tasks and notes\n" +
    "are not exported). An organization runs at most 10 export jobs at once, and a mailbox can be exported\n" +
    "once every 24 hours. The role, key and bucket come from flags or the profile (see `wmctl export prereqs`);\n" +
    "on the local backend none is needed and the zip lands in $WMCTL_HOME/s3/<bucket>/<prefix>/.",
  examples: [
    "wmctl export start alice --wait",
    "wmctl export start alice@example.com --bucket my-exports --kms-key-arn arn:aws:kms:us-east-1:111122223333:key/... --role-arn arn:aws:iam::111122223333:role/WorkmailMailboxExportRole",
  ],
  args: [{ name: "mailbox", describe: "a user or resource: name, email or id" }],
  options: {
    ...DESTINATION_OPTIONS,
    description: { kind: "string", placeholder: "text", describe: "A description for the job" },
    wait: { kind: "boolean", describe: "Wait until the job is COMPLETED (progress bar on a terminal)" },
    timeout: { kind: "duration", describe: "How long --wait waits (default 1h; exit 8 when still running)" },
  },
  output: exportJobRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    if (opts.timeout !== undefined && !opts.wait)
      throw new UsageError(
        "--timeout only applies with --wait",
        "add --wait to wait for the job, or leave --timeout out",
      );
    const dest = await destinationFor(ctx, opts);
    const owner = await ctx.resolve.entity(opts.mailbox, ["USER", "RESOURCE"]);
    const api = await ctx.backend();
    const org = await ctx.org();
    const request = {
      OrganizationId: org,
      EntityId: owner.id,
      ClientToken: randomUUID(),
      RoleArn: dest.roleArn,
      KmsKeyArn: dest.kmsKeyArn,
      S3BucketName: dest.bucket,
      S3Prefix: dest.prefix,
      ...(opts.description === undefined ? {} : { Description: opts.description }),
    };
    if (opts.dryRun) {
      await validateRequest("StartMailboxExportJob", request);
      ctx.out.plan({
        action: "StartMailboxExportJob",
        target: owner.name,
        details: { bucket: dest.bucket, prefix: dest.prefix, roleArn: dest.roleArn, kmsKeyArn: dest.kmsKeyArn },
      });
      return;
    }
    const { JobId } = await api.startMailboxExportJob(request);
    const jobId = JobId as string;
    const d = await api.describeMailboxExportJob({ OrganizationId: org, JobId: jobId });
    const ledger = ExportLedger.open(ctx.settings.dataDir, org);
    ledger.recordStart({
      jobId,
      entityId: owner.id,
      mailbox: owner.name,
      email: owner.email,
      bucket: dest.bucket,
      prefix: dest.prefix,
      runId: undefined,
      startTime: d.StartTime?.toISOString(),
      ...(d.S3Path === undefined ? {} : { s3Path: d.S3Path }),
    });
    ledger.observe(jobId, d);
    ctx.out.status(`Started export job ${jobId} for the mailbox of ${owner.name}`);
    const storage = await ctx.exportStorage();
    if (opts.wait) {
      let done: DescribeMailboxExportJobResponse | undefined;
      try {
        [done] = await waitForJobs(ctx, api, org, [jobId], opts.timeout ?? 3_600_000);
      } catch (e) {
        // Still running at the timeout: the job's record (its id above all) is the result all the same.
        if (e instanceof PendingError || (e instanceof CliError && e.exitCode === ExitCode.Cancelled))
          ctx.out.record(
            exportJobView(
              jobId,
              await api.describeMailboxExportJob({ OrganizationId: org, JobId: jobId }),
              owner.name,
              storage,
            ),
          );
        throw e;
      }
      ctx.out.record({
        ...exportJobView(jobId, done ?? d, owner.name, storage),
        ...(await finishedLogCounts(storage, done ?? d)),
      });
      return;
    }
    ctx.out.record(exportJobView(jobId, d, owner.name, storage));
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { ChecksFailedError, ConflictError } from "../../errors/cli-error.js";
import { verifyExport } from "../../export-jobs/verify.js";

export const exportVerifyCommand = defineCommand({
  name: "verify",
  summary: "Check a finished export: the zip's SHA-384 and counts against its log",
  description:
    "Reads the job's zip and log from its bucket (the local bucket folder, or S3 on the aws backend), checks\n" +
    "the zip's SHA-384 against the log's sha384Hash, the numbers of messages, bytes and folders against\n" +
    "totalMessages, totalBytes and totalFolders, and every entry's CRC-32. Exit 3 when anything differs.",
  examples: ["wmctl export verify 1d2c3b4a-...", "wmctl export verify JOB -o json"],
  args: [{ name: "job", describe: "the export job id (COMPLETED)" }],
  output: {
    fields: ["check", "status", "expected", "found"],
    columns: ["check", "status", "expected", "found"],
    list: true,
  },
  async run(ctx, opts) {
    const api = await ctx.backend();
    const d = await api.describeMailboxExportJob({ OrganizationId: await ctx.org(), JobId: opts.job });
    if (d.State !== "COMPLETED" || d.S3BucketName === undefined || d.S3Path === undefined) {
      throw new ConflictError(
        `export job ${opts.job} is ${d.State ?? "unknown"}, not COMPLETED`,
        d.State === "RUNNING" ? `wait for it: wmctl export wait ${opts.job}` : undefined,
      );
    }
    const report = await verifyExport(await ctx.exportStorage(), d.S3BucketName, d.S3Path);
    for (const c of report.checks) ctx.out.row(c);
    if (!report.ok) {
      const bad = report.checks.filter((c) => c.status !== "ok").map((c) => `${c.check} ${c.status}`);
      throw new ChecksFailedError(`export ${opts.job} failed verification: ${bad.join(", ")}`);
    }
    ctx.out.status(`Export ${opts.job} verified: ${report.zipLocation}`);
  },
});

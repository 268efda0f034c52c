import { defineCommand } from "../../cli/define-command.js";
import { ExportLedger } from "../../export-jobs/ledger.js";
import { exportJobRecordOutput, exportJobView, finishedLogCounts, mailboxName } from "./view.js";

export const exportDescribeCommand = defineCommand({
  name: "describe",
  aliases: ["show"],
  summary: "Show an export job: state, progress, where its zip is, the counts of its log",
  examples: ["wmctl export describe 1d2c3b4a-5e6f-...", "wmctl export describe JOB --fields state,progress"],
  args: [{ name: "job", describe: "the export job id" }],
  output: exportJobRecordOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const d = await api.describeMailboxExportJob({ OrganizationId: org, JobId: opts.job });
    ExportLedger.open(ctx.settings.dataDir, org).observe(opts.job, d);
    const storage = await ctx.exportStorage();
    ctx.out.record({
      ...exportJobView(opts.job, d, await mailboxName(ctx, d.EntityId), storage),
      ...(await finishedLogCounts(storage, d)),
    });
  },
});

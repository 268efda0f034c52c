import { randomUUID } from "node:crypto";
import { defineCommand } from "../../cli/define-command.js";
import { ConflictError } from "../../errors/cli-error.js";
import { ExportLedger } from "../../export-jobs/ledger.js";
import { exportJobRecordOutput, exportJobView, mailboxName } from "./view.js";

export const exportCancelCommand = defineCommand({
  name: "cancel",
  summary: "Cancel a running export job",
  description:
    "A job near completion may not be cancellable (InvalidParameterException). A cancelled job still counts\n" +
    "for the mailbox's once-every-24-hours limit. A job that already finished is exit 6; one already cancelled\n" +
    "is reported as it is.",
  examples: ["wmctl export cancel 1d2c3b4a-...", "wmctl export cancel JOB --yes"],
  args: [{ name: "job", describe: "the export job id" }],
  output: exportJobRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const before = await api.describeMailboxExportJob({ OrganizationId: org, JobId: opts.job });
    const mailbox = await mailboxName(ctx, before.EntityId);
    // Known before asking: a finished job cannot be cancelled, and a cancelled one needs nothing.
    if (before.State === "COMPLETED" || before.State === "FAILED") {
      throw new ConflictError(
        `export job ${opts.job} is already ${before.State}; only a RUNNING job can be cancelled`,
        `see it: wmctl export describe ${opts.job}`,
      );
    }
    if (before.State === "CANCELLED") {
      ctx.out.status(`Export job ${opts.job} is already cancelled`);
      ctx.out.record(exportJobView(opts.job, before, mailbox, await ctx.exportStorage()));
      return;
    }
    if (opts.dryRun) {
      ctx.out.plan({ action: "CancelMailboxExportJob", target: opts.job, details: { mailbox, state: before.State } });
      return;
    }
    await ctx.confirm(`Cancel export job ${opts.job} of the mailbox of ${mailbox ?? "?"}?`);
    await api.cancelMailboxExportJob({ OrganizationId: org, JobId: opts.job, ClientToken: randomUUID() });
    const d = await api.describeMailboxExportJob({ OrganizationId: org, JobId: opts.job });
    ExportLedger.open(ctx.settings.dataDir, org).observe(opts.job, d);
    ctx.out.status(`Export job ${opts.job} is ${d.State ?? "cancelled"}`);
    ctx.out.record(exportJobView(opts.job, d, mailbox, await ctx.exportStorage()));
  },
});

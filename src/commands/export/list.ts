import { mapOrdered } from "../../backend/map-ordered.js";
import { filterItems, paginate } from "../../backend/paginate.js";
import { defineCommand } from "../../cli/define-command.js";
import { ExportLedger } from "../../export-jobs/ledger.js";
import { exportJobListOutput, exportJobView, LOG_COUNT_FIELDS, logCounts, mailboxName } from "./view.js";

export const exportListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List the organization's export jobs of the last seven days",
  description:
    "The service lists jobs started within the last seven days; --all adds older jobs that wmctl started,\nfrom its local ledger (their state as last seen).",
  examples: [
    "wmctl export list",
    "wmctl export list --state RUNNING --fields id",
    "wmctl export list --all -o csv > exports.csv",
  ],
  options: {
    state: {
      kind: "enum",
      choices: ["RUNNING", "COMPLETED", "FAILED", "CANCELLED"],
      describe: "Only jobs in this state",
    },
    all: { kind: "boolean", describe: "Also jobs older than seven days that wmctl remembers" },
  },
  output: exportJobListOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const storage = await ctx.exportStorage();
    const ledger = ExportLedger.open(ctx.settings.dataDir, org);
    const listed = new Set<string>();
    // The export log's counts (messages, folders ...) are read per completed job when they are shown.
    const counts = ctx.out.wants(LOG_COUNT_FIELDS);
    const jobs = filterItems(
      paginate((t) => api.listMailboxExportJobs({ OrganizationId: org, NextToken: t }), "Jobs"),
      (j) => {
        listed.add(j.JobId as string);
        ledger.observe(j.JobId as string, j);
        return opts.state === undefined || j.State === opts.state;
      },
    );
    const views = mapOrdered(jobs, async (j) => ({
      ...exportJobView(j.JobId as string, j, await mailboxName(ctx, j.EntityId), storage),
      ...(counts && j.State === "COMPLETED" ? await logCounts(storage, j.S3BucketName, j.S3Path) : {}),
    }));
    for await (const view of views) ctx.out.row(view);
    if (!opts.all) return;
    for (const j of ledger.jobs()) {
      if (listed.has(j.jobId)) continue;
      if (j.state === "RUNNING") {
        // Out of the list's window but not seen finishing: ask the service once more.
        try {
          ledger.observe(j.jobId, await api.describeMailboxExportJob({ OrganizationId: org, JobId: j.jobId }));
        } catch {
          // Unknown to the service now: keep what the ledger knows.
        }
      }
      if (opts.state !== undefined && j.state !== opts.state) continue;
      const logged =
        counts && j.state === "COMPLETED" && j.s3Path !== undefined ? await logCounts(storage, j.bucket, j.s3Path) : {};
      ctx.out.row({
        ...logged,
        id: j.jobId,
        mailbox: j.mailbox,
        entityId: j.entityId,
        state: j.state,
        progress: j.progress,
        startTime: j.startTime === undefined ? undefined : new Date(j.startTime),
        endTime: j.endTime === undefined ? undefined : new Date(j.endTime),
        bucket: j.bucket,
        prefix: j.prefix,
        s3Path: j.s3Path,
        location: j.s3Path !== undefined && j.state === "COMPLETED" ? storage.location(j.bucket, j.s3Path) : undefined,
        description: undefined,
        error: j.error,
      });
    }
  },
});

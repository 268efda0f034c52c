import type { DescribeMailboxExportJobResponse } from "@aws-sdk/client-workmail";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { defineCommand } from "../../cli/define-command.js";
import type { CommandContext } from "../../context/context.js";
import { CancelledError, CliError, PendingError } from "../../errors/cli-error.js";
import { ExitCode } from "../../errors/exit-codes.js";
import { ExportLedger } from "../../export-jobs/ledger.js";
import { progressBars } from "../../export-jobs/progress.js";
import { pollUntil } from "../../wait/poll.js";
import { exportJobListOutput, exportJobView, mailboxName, TERMINAL_STATES } from "./view.js";

/**
 * Polls DescribeMailboxExportJob until every job is COMPLETED, FAILED or CANCELLED; a progress bar
 * per job on a terminal's stderr. A timeout is exit 8 (PendingError), whose hint names the jobs to
 * wait for again (starting a job again would only meet the 24-hour rule).
 */
export async function waitForJobs(
  ctx: CommandContext,
  api: WorkMailApi,
  org: string,
  jobIds: readonly string[],
  timeoutMs: number,
  intervalMs?: number,
): Promise<DescribeMailboxExportJobResponse[]> {
  const bars = await progressBars(ctx.out.config.progress, ctx.io.stderr, "{job} [{bar}] {percentage}% {state}");
  const ledger = ExportLedger.open(ctx.settings.dataDir, org);
  const progress = new Map(jobIds.map((id) => [id, bars.bar(100, { job: id.slice(0, 8), state: "RUNNING" })]));
  const latest = new Map<string, DescribeMailboxExportJobResponse>();
  try {
    return await pollUntil({
      what: jobIds.length === 1 ? `export job ${jobIds[0] ?? ""} to finish` : `${jobIds.length} export jobs to finish`,
      timeoutMs,
      interrupted: ctx.untilInterrupted(),
      intervalMs:
        intervalMs ?? (ctx.settings.backend === "local" ? 250 : ctx.settings.endpointUrl !== undefined ? 1000 : 5000),
      check: async () => {
        await Promise.all(
          jobIds.map(async (id) => {
            const known = latest.get(id);
            if (known !== undefined && TERMINAL_STATES.includes(known.State ?? "")) return;
            const d = await api.describeMailboxExportJob({ OrganizationId: org, JobId: id });
            latest.set(id, d);
            progress.get(id)?.update(d.EstimatedProgress ?? 0, { state: d.State ?? "?" });
            ledger.observe(id, d);
          }),
        );
        const all = jobIds.map((id) => latest.get(id) as DescribeMailboxExportJobResponse);
        return { done: all.every((d) => TERMINAL_STATES.includes(d.State ?? "")), value: all };
      },
      onPending: (all) => {
        if (!ctx.out.config.progress) {
          const running = all.filter((d) => !TERMINAL_STATES.includes(d.State ?? "")).length;
          ctx.out.info(`${running} export job${running === 1 ? "" : "s"} still running...`);
        }
      },
    });
  } catch (e) {
    const running = jobIds.filter((id) => !TERMINAL_STATES.includes(latest.get(id)?.State ?? ""));
    const keeps = `the job${running.length === 1 ? " keeps" : "s keep"} running`;
    if (e instanceof CancelledError) {
      // Ctrl-C stops the waiting, not the export: say so, and how to follow it.
      throw new CliError(`${e.message}: ${keeps} (${running.join(", ")})`, {
        exitCode: ExitCode.Cancelled,
        hint: `follow it with: wmctl export wait ${running.join(" ")} (or stop it: wmctl export cancel ${running[0] ?? "JOB"})`,
      });
    }
    if (!(e instanceof PendingError)) throw e;
    throw new PendingError(e.message, `${keeps}; wait again with: wmctl export wait ${running.join(" ")}`);
  } finally {
    // On every way out (done, timeout, Ctrl-C, an error): the bars go, the cursor and line wrap come back.
    bars.stop();
  }
}

export const exportWaitCommand = defineCommand({
  name: "wait",
  summary: "Wait for export jobs to finish (progress bars on a terminal)",
  description: "Exit 0 when every job COMPLETED, 1 when one FAILED or was CANCELLED, 8 when --timeout passed first.",
  examples: [
    "wmctl export wait 1d2c3b4a-...",
    "wmctl export wait $(wmctl export list --state RUNNING --fields id) --timeout 2h",
  ],
  args: [{ name: "jobs", describe: "export job ids", variadic: true }],
  options: {
    timeout: { kind: "duration", default: "1h", describe: "How long to wait (exit 8 when a job is still running)" },
    interval: { kind: "duration", describe: "Time between checks (default 5s; 250ms on the local backend)" },
  },
  output: exportJobListOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const all = await waitForJobs(ctx, api, org, opts.jobs, opts.timeout, opts.interval);
    const storage = await ctx.exportStorage();
    for (const [i, d] of all.entries())
      ctx.out.row(exportJobView(opts.jobs[i] as string, d, await mailboxName(ctx, d.EntityId), storage));
    const bad = all.filter((d) => d.State !== "COMPLETED");
    if (bad.length > 0) {
      throw new CliError(
        `${bad.length} export job${bad.length === 1 ? "" : "s"} did not complete (${bad.map((d) => d.State).join(", ")})`,
        {
          hint: "see the error field: wmctl export describe JOB",
        },
      );
    }
  },
});

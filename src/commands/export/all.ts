import { defineCommand } from "../../cli/define-command.js";
import { CliError, NotFoundError, UsageError } from "../../errors/cli-error.js";
import { ExitCode } from "../../errors/exit-codes.js";
import {
  exportAll,
  MAX_CONCURRENT_JOBS,
  type MailboxReport,
  type MailboxTarget,
} from "../../export-jobs/export-all.js";
import { ExportLedger } from "../../export-jobs/ledger.js";
import { progressBars } from "../../export-jobs/progress.js";
import { writeReportFile } from "../../output/report-file.js";
import { listMailboxes, mailboxesFromFile, parseFilter } from "../../export-jobs/targets.js";
import { DESTINATION_OPTIONS, destinationFor } from "./start.js";

const REPORT_FIELDS = [
  "mailbox",
  "email",
  "type",
  "entityId",
  "state",
  "jobId",
  "startTime",
  "endTime",
  "bucket",
  "s3Path",
  "note",
] as const;

export const exportAllCommand = defineCommand({
  name: "all",
  summary: "Export every mailbox of the organization, 10 jobs at a time, resumable",
  description:
    "Starts an export job per mailbox (users in the USER role and resources; --users or --filter to choose),\n" +
    "keeping up to 10 running, the service's limit. A mailbox exported less than 24 hours ago is not exported\n" +
    "again: its recent job counts (or, if it failed, the mailbox is DEFERRED). Every job is recorded in a local\n" +
    "ledger, so a run that is stopped (Ctrl-C, --timeout) resumes when run again into the same bucket and\n" +
    "prefix. Prints one row per mailbox at the end (-o csv / -o json for a report file, or --report FILE).\n" +
    "Exit 0 when every mailbox is exported, 8 when some are still running, deferred or not started, 1 on failures.",
  examples: [
    "wmctl export all -o csv > export-report.csv",
    "wmctl export all --users leavers.txt --report leavers.json",
    "wmctl export all --filter type=user --filter 'email=*@example.com' --timeout 6h",
  ],
  options: {
    ...DESTINATION_OPTIONS,
    users: {
      kind: "string",
      placeholder: "file",
      describe:
        "Only these mailboxes: a file of names, emails or ids (one per line, or a CSV with an email/name column); a name that matches nobody fails the run before any job starts",
    },
    skipMissing: {
      kind: "boolean",
      describe: "With --users: skip names that match no user or resource (with a warning) instead of failing",
    },
    filter: {
      kind: "list",
      placeholder: "key=value",
      describe: "type=user|resource|all, state=enabled|disabled|all (default enabled), name=GLOB, email=GLOB",
    },
    concurrency: {
      kind: "int",
      min: 1,
      max: MAX_CONCURRENT_JOBS,
      default: MAX_CONCURRENT_JOBS,
      describe: "Jobs kept running at once",
    },
    description: { kind: "string", placeholder: "text", describe: "A description for every job" },
    restart: { kind: "boolean", describe: "Start a new run instead of resuming the unfinished one" },
    timeout: {
      kind: "duration",
      default: "24h",
      describe: "Stop waiting after this long (jobs keep running; run again to resume)",
    },
    interval: { kind: "duration", describe: "Time between checks (default 10s; 100ms on the local backend)" },
    report: { kind: "string", placeholder: "file", describe: "Also write the report to FILE (.json, else CSV)" },
  },
  output: {
    fields: REPORT_FIELDS,
    columns: ["mailbox", "email", "state", "jobId", "endTime", "s3Path", "note"],
    list: true,
  },
  mutating: true,
  async run(ctx, opts) {
    if (opts.users !== undefined && opts.filter.length > 0)
      throw new UsageError("--users and --filter cannot be combined");
    if (opts.skipMissing && opts.users === undefined) throw new UsageError("--skip-missing goes with --users FILE");
    const filter = parseFilter(opts.filter);
    const destination = await destinationFor(ctx, opts);
    const api = await ctx.backend();
    const org = await ctx.org();
    let targets: MailboxTarget[];
    if (opts.users !== undefined) {
      const { targets: found, unknown } = await mailboxesFromFile(opts.users, ctx.resolve);
      // A mistyped leaver must not go silently unexported: refuse before any job starts.
      if (unknown.length > 0 && !opts.skipMissing) {
        throw new NotFoundError(
          `${unknown.length === 1 ? "1 name" : `${unknown.length} names`} in ${opts.users} match${unknown.length === 1 ? "es" : ""} no user or resource: ${unknown.join(", ")}`,
          "correct the file (see `wmctl whois NAME`), or pass --skip-missing to export the others",
        );
      }
      if (unknown.length > 0) ctx.out.warn(`not found, skipped (--skip-missing): ${unknown.join(", ")}`);
      targets = found;
    } else {
      targets = await listMailboxes(api, org, filter, (m) => ctx.out.warn(m));
    }
    if (opts.dryRun) {
      for (const t of targets)
        ctx.out.plan({
          action: "StartMailboxExportJob",
          target: t.name,
          details: { bucket: destination.bucket, prefix: destination.prefix },
        });
      return;
    }
    if (targets.length === 0) {
      ctx.out.status("No mailbox to export");
      return;
    }
    const sim =
      ctx.settings.backend === "local" || ctx.settings.endpointUrl !== undefined
        ? (await ctx.findSimulator()).control
        : undefined;
    const bars = await progressBars(
      ctx.out.config.progress,
      ctx.io.stderr,
      "mailboxes [{bar}] {value}/{total} exported | {running} running | {failed} failed | {deferred} deferred",
    );
    const bar = bars.bar(targets.length, { running: 0, failed: 0, deferred: 0 });
    ctx.out.info(
      `Exporting ${targets.length} mailbox${targets.length === 1 ? "" : "es"} to ${destination.bucket}/${destination.prefix}, ${opts.concurrency} at a time`,
    );
    let result: Awaited<ReturnType<typeof exportAll>>;
    try {
      result = await exportAll(
        {
          api,
          orgId: org,
          ledger: ExportLedger.open(ctx.settings.dataDir, org),
          destination,
          concurrency: opts.concurrency,
          pollMs: opts.interval ?? (sim === undefined ? 10_000 : 100),
          timeoutMs: opts.timeout,
          description: opts.description,
          restart: opts.restart,
          interrupted: ctx.untilInterrupted(),
          serviceNow: async () => (sim === undefined ? Date.now() : (await sim.now()).getTime()),
          onProgress: (p) => bar.update(p.done, { running: p.running, failed: p.failed, deferred: p.deferred }),
        },
        targets,
      );
    } finally {
      bars.stop();
    }
    for (const r of result.reports) ctx.out.row(r);
    if (opts.report !== undefined) await writeReportFile(opts.report, result.reports, REPORT_FIELDS);

    const count = (...states: MailboxReport["state"][]) =>
      result.reports.filter((r) => states.includes(r.state)).length;
    const done = count("COMPLETED");
    ctx.out.status(`${done} of ${result.reports.length} mailboxes exported (run ${result.runId})`);
    const failed = count("FAILED", "CANCELLED", "ERROR");
    const pending = count("RUNNING", "NOT_STARTED", "DEFERRED");
    if (failed > 0)
      throw new CliError(`${failed} mailbox export${failed === 1 ? "" : "s"} failed`, {
        hint: "see the note column; after 24 hours, `wmctl export all` retries them",
      });
    if (pending > 0 && result.interrupted) {
      throw new CliError(
        `stopped: ${pending} mailbox${pending === 1 ? " is" : "es are"} not exported yet; started jobs keep running`,
        {
          exitCode: ExitCode.Cancelled,
          hint: "run `wmctl export all` again to resume (follow the jobs with `wmctl export list --state RUNNING`)",
        },
      );
    }
    if (pending > 0) {
      throw new CliError(
        `${pending} mailbox${pending === 1 ? " is" : "es are"} not exported yet (running, deferred or not started)`,
        {
          exitCode: ExitCode.Pending,
          hint: "run `wmctl export all` again to resume",
        },
      );
    }
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { AuthError, CancelledError, CliError } from "../../errors/cli-error.js";
import { progressBars } from "../../export-jobs/progress.js";
import { credentialsFor } from "../../migrate/credentials.js";
import { parseImapUrl } from "../../migrate/imap-server.js";
import { readMapFile } from "../../migrate/map-file.js";
import { copyFleet } from "../../migrate/mail/copy-fleet.js";
import type { CopyJob, MailboxResult } from "../../migrate/mail/copy-mailbox.js";
import { writeReportFile } from "../../output/report-file.js";
import { openLedger, targetCredentials, TARGET_OPTIONS } from "./options.js";
import { mailSources } from "./sources.js";

const MAIL_REPORT_FIELDS = [
  "mailbox",
  "targetLogin",
  "state",
  "folders",
  "sourceMessages",
  "copied",
  "alreadyThere",
  "skipped",
  "failed",
  "bytes",
  "seconds",
  "source",
  "note",
] as const;

export const migrateMailCommand = defineCommand({
  name: "mail",
  summary: "Copy mailboxes from the export zips (or WorkMail's IMAP) into any IMAP server, resumable",
  description:
    "For every row of the map, copies the mailbox's folders and messages into the target login: WorkMail's\n" +
    "Sent Items, Deleted Items, Junk E-mail and Drafts land in the target's \\Sent, \\Trash, \\Junk and \\Drafts\n" +
    "folders whatever they are called there; other folders keep their names and nesting. Messages are\n" +
    "appended byte-exact with their internal date. A ledger records every message, and the target folder\n" +
    "is searched (Message-ID and size, or the SHA-256 of the bytes) before anything is appended, so a\n" +
    "re-run after Ctrl-C or a crash resumes and never appends a message twice. Calendar items are not\n" +
    "copied (IMAP has no calendars): the report counts them as skipped.\n" +
    "Exit 0 when every mailbox is copied, 1 when some failed, 4 when a login was refused.",
  examples: [
    "wmctl migrate mail --to imaps://imap.example.net --map mailbox-map.csv --password-file target.pw",
    "wmctl migrate mail --to imaps://outlook.office365.com --map map.csv --token-command './get-token.sh' --concurrency 8",
    "wmctl migrate mail --to imaps://imap.example.net --map map.csv --from-imap imaps://imap.mail.us-east-1.awsapps.com --report copy.csv",
  ],
  options: {
    ...TARGET_OPTIONS,
    concurrency: { kind: "int", min: 1, max: 64, default: 4, describe: "Mailboxes copied at once" },
    maxConnections: {
      kind: "int",
      min: 1,
      max: 256,
      default: 16,
      describe: "Connections open to the target at once, shared by every mailbox (at most 8 per login)",
    },
    rate: {
      kind: "int",
      min: 1,
      placeholder: "n",
      describe: "At most N messages appended per second (default: no limit)",
    },
    markSeen: { kind: "boolean", describe: "Mark copied messages read when the source does not say (export zips)" },
    report: {
      kind: "string",
      placeholder: "file",
      describe: "Also write the per-mailbox report to FILE (.json, else CSV)",
    },
  },
  output: {
    fields: MAIL_REPORT_FIELDS,
    columns: [
      "mailbox",
      "targetLogin",
      "state",
      "sourceMessages",
      "copied",
      "alreadyThere",
      "skipped",
      "failed",
      "note",
    ],
    list: true,
  },
  mutating: true,
  async run(ctx, opts) {
    const server = parseImapUrl(opts.to, "--to");
    const entries = await readMapFile(opts.map);
    const credentials = await targetCredentials(ctx, opts);
    const sources = await mailSources(ctx, opts, entries);
    if (opts.dryRun) {
      for (const e of entries)
        ctx.out.plan({
          action: "CopyMailbox",
          target: e.mailbox,
          details: { to: `${server.url} as ${e.targetLogin}`, from: await sources.describe(e) },
        });
      return;
    }
    if (entries.length === 0) {
      ctx.out.status("The map lists no mailbox");
      return;
    }
    const ledger = openLedger(ctx, opts.ledger);
    let stopping = false;
    void ctx.untilInterrupted().then(() => {
      stopping = true;
      ctx.out.warn("stopping after the messages in flight (the ledger keeps what was copied; run again to resume)");
    });
    const bars = await progressBars(
      ctx.out.config.progress,
      ctx.io.stderr,
      "mailboxes [{bar}] {value}/{total} | {messages} messages | {mb} MB | {failed} failed",
    );
    const bar = bars.bar(entries.length, { messages: 0, mb: "0.0", failed: 0 });
    let done = 0;
    let messages = 0;
    let bytes = 0;
    let failed = 0;
    const tick = () => bar.update(done, { messages, mb: (bytes / 1e6).toFixed(1), failed });
    ctx.out.info(
      `Copying ${entries.length} mailbox${entries.length === 1 ? "" : "es"} to ${server.url}, ${opts.concurrency} at a time over at most ${opts.maxConnections} connections`,
    );
    const jobs: CopyJob[] = entries.map((e) => ({
      mailbox: e.mailbox,
      login: e.targetLogin,
      openSource: () => sources.open(e),
      auth: () => credentialsFor(e.targetLogin, e.password, credentials),
    }));
    let results: MailboxResult[];
    try {
      results = await copyFleet(jobs, {
        server,
        ledger,
        concurrency: opts.concurrency,
        maxConnections: opts.maxConnections,
        rate: opts.rate,
        markSeen: opts.markSeen,
        stopped: () => stopping,
        onMessage: (b) => {
          messages++;
          bytes += b;
          if (messages % 50 === 0) tick();
        },
        onMailbox: (r) => {
          done++;
          if (r.state !== "COPIED") failed++;
          tick();
        },
      });
    } finally {
      bars.stop();
      ledger.close();
    }
    for (const r of results) ctx.out.row(r);
    if (opts.report !== undefined) await writeReportFile(opts.report, results, MAIL_REPORT_FIELDS);
    const count = (s: MailboxResult["state"]) => results.filter((r) => r.state === s).length;
    const copied = results.reduce((n, r) => n + r.copied, 0);
    ctx.out.status(
      `${count("COPIED")} of ${results.length} mailboxes copied: ${copied} messages appended, ${results.reduce((n, r) => n + r.alreadyThere, 0)} already there`,
    );
    if (stopping)
      throw new CancelledError(
        `stopped: ${count("STOPPED")} mailbox(es) unfinished; run the same command again to resume`,
      );
    const auth = count("AUTH_FAILED");
    if (auth > 0)
      throw new AuthError(
        `${auth} login${auth === 1 ? " was" : "s were"} refused by ${server.url}: ${results
          .filter((r) => r.state === "AUTH_FAILED")
          .map((r) => r.targetLogin)
          .join(", ")}`,
        "check the map's target_login and the password or token",
      );
    const bad = count("FAILED");
    if (bad > 0)
      throw new CliError(
        `${bad} mailbox${bad === 1 ? "" : "es"} not fully copied: ${results
          .filter((r) => r.state === "FAILED")
          .map((r) => r.mailbox)
          .join(", ")}`,
        { hint: "see the note column; run again to retry (nothing is appended twice)" },
      );
  },
});

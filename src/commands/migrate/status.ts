import { defineCommand } from "../../cli/define-command.js";
import { openLedger } from "./options.js";

export const migrateStatusCommand = defineCommand({
  name: "status",
  summary: "The migration ledger at a glance: each mailbox's state, counts and last outcome",
  description:
    "One row per mailbox and target server that `migrate mail` worked on, from its ledger: the state\n" +
    "(RUNNING while a copy runs or after it was killed, STOPPED by Ctrl-C, COPIED, FAILED, AUTH_FAILED),\n" +
    "messages in the source, copied, already in the target, failed, bytes copied, when it started and ended.",
  examples: [
    "wmctl migrate status",
    "wmctl migrate status -o json",
    "wmctl migrate status --fields mailbox,state,copied",
  ],
  options: {
    ledger: {
      kind: "string",
      placeholder: "file",
      describe: "The migration ledger (default: migrate/ledger.jsonl in wmctl's data folder)",
    },
    to: { kind: "string", placeholder: "imap[s]://host[:port]", describe: "Only this target server" },
  },
  output: {
    fields: [
      "mailbox",
      "targetLogin",
      "target",
      "state",
      "sourceMessages",
      "copied",
      "alreadyThere",
      "failed",
      "bytesCopied",
      "startedAt",
      "finishedAt",
      "note",
    ],
    columns: [
      "mailbox",
      "targetLogin",
      "state",
      "sourceMessages",
      "copied",
      "alreadyThere",
      "failed",
      "finishedAt",
      "note",
    ],
    list: true,
  },
  async run(ctx, opts) {
    const ledger = openLedger(ctx, opts.ledger);
    const want =
      opts.to === undefined
        ? undefined
        : (await import("../../migrate/imap-server.js")).parseImapUrl(opts.to, "--to").url;
    let n = 0;
    for (const b of ledger.mailboxes()) {
      if (want !== undefined && b.target !== want) continue;
      n++;
      ctx.out.row({
        mailbox: b.mailbox,
        targetLogin: b.login,
        target: b.target,
        state: b.state,
        sourceMessages: b.sourceMessages,
        copied: b.copied,
        alreadyThere: b.present,
        failed: b.failed,
        bytesCopied: b.bytesCopied,
        startedAt: new Date(b.startedAt),
        finishedAt: b.finishedAt === undefined ? undefined : new Date(b.finishedAt),
        note: b.note,
      });
    }
    if (n === 0) ctx.out.status(`No migration recorded in ${ledger.file}`);
  },
});

import type { DeliveryResult } from "../../backend/simulator-control.js";
import { defineCommand } from "../../cli/define-command.js";
import { CliError, UsageError } from "../../errors/cli-error.js";
import { ExitCode } from "../../errors/exit-codes.js";
import { readMessages, type MessageSource } from "../../mail-files/read-messages.js";

/** A batch per simulator call: bounded, so a 100 MB mbox never sits in memory at once. */
const BATCH_MESSAGES = 200;
const BATCH_BYTES = 32 * 1024 * 1024;
/** Rejections that are the service's limits (exit 7), as opposed to bad input (exit 1). */
const LIMIT_CODES = new Set(["MESSAGE_TOO_LARGE", "TOO_MANY_ATTACHMENTS", "TOO_MANY_RECIPIENTS", "MAILBOX_FULL"]);

export const localDeliverCommand = defineCommand({
  name: "deliver",
  summary: "Deliver MIME messages (.eml files, directories, mbox files) into simulated mailboxes",
  description:
    "Each message is parsed as MIME and stored unchanged, as WorkMail's inbound path would: the guide's\n" +
    "message quotas (40 MB MIME, 29 MB unencoded, 500 attachments, 500 recipients) and the mailbox\n" +
    "quota apply, a disabled user's mailbox bounces, a group's address reaches its members. vCard files\n" +
    "are kept as contacts (items an export job cannot export). One row per message and mailbox;\n" +
    "exit 7 when a quota refused a message, 1 for other refusals.",
  examples: [
    "wmctl local deliver --to alice@acme.awsapps.com welcome.eml",
    "wmctl local deliver --to alice@acme.awsapps.com --folder 'Sent Items' ./sent/",
    "wmctl local deliver --to sales@acme.awsapps.com archive.mbox -o json",
  ],
  args: [{ name: "files", describe: "message files, directories or mbox files", variadic: true }],
  options: {
    to: {
      kind: "list",
      required: true,
      placeholder: "email",
      describe: "Recipient: a user, resource or group address (repeatable)",
    },
    folder: {
      kind: "string",
      placeholder: "name",
      describe: "Folder to deliver into, e.g. Inbox, 'Sent Items', Inbox/Projects (default: Inbox)",
    },
  },
  output: {
    fields: [
      "name",
      "recipient",
      "mailbox",
      "folder",
      "status",
      "code",
      "reason",
      "size",
      "kind",
      "subject",
      "messageId",
      "attachments",
    ],
    columns: ["name", "mailbox", "folder", "status", "size", "subject", "reason"],
    list: true,
  },
  async run(ctx, opts) {
    if (opts.files.length === 0) throw new UsageError("name at least one message file, directory or mbox");
    const sim = await ctx.simulator();
    const organizationId = await ctx.org();
    let delivered = 0;
    const rejected: DeliveryResult[] = [];
    let batch: MessageSource[] = [];
    let batchBytes = 0;
    const send = async () => {
      if (batch.length === 0) return;
      const results = await sim.deliver({
        organizationId,
        to: opts.to,
        ...(opts.folder === undefined ? {} : { folder: opts.folder }),
        messages: batch,
      });
      batch = [];
      batchBytes = 0;
      for (const r of results) {
        if (r.status === "DELIVERED") delivered++;
        else rejected.push(r);
        ctx.out.row(r);
      }
    };
    try {
      for await (const m of readMessages(opts.files)) {
        batch.push(m);
        batchBytes += m.raw.byteLength;
        if (batch.length >= BATCH_MESSAGES || batchBytes >= BATCH_BYTES) await send();
      }
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === "ENOENT" || err.code === "EACCES" || err.code === "EISDIR")
        throw new UsageError(`cannot read ${err.path ?? "a message file"}: ${err.code}`);
      throw e;
    }
    await send();
    ctx.out.status(
      `Delivered ${delivered} message cop${delivered === 1 ? "y" : "ies"}${rejected.length ? `, ${rejected.length} rejected` : ""}`,
    );
    if (rejected.length > 0) {
      const limits = rejected.every((r) => LIMIT_CODES.has(r.code ?? ""));
      const first = rejected[0] as DeliveryResult;
      throw new CliError(
        `${rejected.length} message cop${rejected.length === 1 ? "y was" : "ies were"} rejected; first: ${first.name} for ${first.mailbox}: ${first.reason ?? first.code}`,
        {
          exitCode: limits ? ExitCode.Throttled : ExitCode.Failure,
        },
      );
    }
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { AuthError, ChecksFailedError } from "../../errors/cli-error.js";
import { readExportLog } from "../../backend/export-storage.js";
import { credentialsFor } from "../../migrate/credentials.js";
import { ImapAuthFailure, parseImapUrl } from "../../migrate/imap-server.js";
import { readMapFile } from "../../migrate/map-file.js";
import { verifyMailbox, type FolderCheck } from "../../migrate/verify.js";
import type { MailSource } from "../../migrate/mail/source.js";
import { openLedger, targetCredentials, TARGET_OPTIONS } from "./options.js";
import { mailSources } from "./sources.js";

const FIELDS = [
  "mailbox",
  "folder",
  "targetFolder",
  "status",
  "sourceMessages",
  "targetMessages",
  "ledgerMessages",
  "sourceBytes",
  "targetBytes",
  "sampled",
  "missing",
  "detail",
] as const;

export const migrateVerifyCommand = defineCommand({
  name: "verify",
  summary: "Prove the copy: every message of every mailbox and folder is in the target, byte for byte",
  description:
    "For every mailbox of the map and every mail folder of its export (or IMAP source): counts and bytes in\n" +
    "the source, the target folder and the ledger, each source message looked up in the target (Message-ID\n" +
    "and size, or its SHA-256), and --sample messages per folder fetched back and compared by SHA-256. The\n" +
    "export zip's message count is checked against its log. Exit 3 naming the mailbox, folder and first\n" +
    "missing message on any difference; 4 when a login is refused.",
  examples: [
    "wmctl migrate verify --to imaps://imap.example.net --map mailbox-map.csv --password-file target.pw",
    "wmctl migrate verify --to imaps://imap.example.net --map map.csv --sample 20 -o json > verify.json",
  ],
  options: {
    ...TARGET_OPTIONS,
    sample: {
      kind: "int",
      min: 0,
      max: 10_000,
      default: 5,
      describe: "Messages per folder fetched back from the target and compared by hash",
    },
  },
  output: {
    fields: FIELDS,
    columns: [
      "mailbox",
      "folder",
      "targetFolder",
      "status",
      "sourceMessages",
      "targetMessages",
      "ledgerMessages",
      "sampled",
      "detail",
    ],
    list: true,
  },
  async run(ctx, opts) {
    const server = parseImapUrl(opts.to, "--to");
    const entries = await readMapFile(opts.map);
    const credentials = await targetCredentials(ctx, opts);
    const sources = await mailSources(ctx, opts, entries);
    const ledger = openLedger(ctx, opts.ledger);
    const problems: FolderCheck[] = [];
    const refused: string[] = [];
    for (const e of entries) {
      let source: MailSource | undefined;
      const fail = (detail: string, status: FolderCheck["status"] = "error") => {
        const row: FolderCheck = {
          mailbox: e.mailbox,
          folder: "*",
          targetFolder: undefined,
          status,
          sourceMessages: 0,
          targetMessages: 0,
          ledgerMessages: 0,
          sourceBytes: 0,
          targetBytes: 0,
          sampled: 0,
          missing: 0,
          detail,
        };
        problems.push(row);
        ctx.out.row(row);
      };
      try {
        source = await sources.open(e);
        const zip = await sources.zip(e);
        if (zip?.logKey !== undefined) {
          const log =
            "path" in zip.logKey
              ? (JSON.parse(await (await import("node:fs/promises")).readFile(zip.logKey.path, "utf8")) as Record<
                  string,
                  unknown
                >)
              : await readExportLog(await ctx.exportStorage(), zip.logKey.bucket, zip.logKey.key);
          let inZip = 0;
          for (const f of await source.folders()) inZip += (await source.messages(f.path)).length;
          if (String(inZip) !== String(log.totalMessages))
            fail(
              `the export zip holds ${inZip} messages but its log says totalMessages ${String(log.totalMessages)}`,
              "mismatch",
            );
        }
        await zip?.release();
        const rows = await verifyMailbox({
          mailbox: e.mailbox,
          server,
          auth: await credentialsFor(e.targetLogin, e.password, credentials),
          source,
          ledger,
          sample: opts.sample,
        });
        for (const r of rows) {
          ctx.out.row(r);
          if (r.status !== "ok") problems.push(r);
        }
      } catch (err) {
        if (err instanceof ImapAuthFailure) refused.push(e.targetLogin);
        fail((err as Error).message);
      } finally {
        await source?.close();
      }
    }
    ledger.close();
    if (refused.length > 0)
      throw new AuthError(`${server.url} refused the login${refused.length === 1 ? "" : "s"} ${refused.join(", ")}`);
    if (problems.length > 0) {
      const first = problems[0] as FolderCheck;
      throw new ChecksFailedError(
        `${problems.length} folder${problems.length === 1 ? "" : "s"} failed verification; first: ${first.mailbox} ${first.folder}${first.targetFolder === undefined ? "" : ` -> ${first.targetFolder}`}: ${first.detail ?? first.status}`,
        "run `wmctl migrate mail` again with the same map to copy what is missing",
      );
    }
    ctx.out.status(
      `Verified ${entries.length} mailbox${entries.length === 1 ? "" : "es"}: every message is in ${server.url}`,
    );
  },
});

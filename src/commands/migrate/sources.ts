import type { CommandContext } from "../../context/context.js";
import { ExportLedger } from "../../export-jobs/ledger.js";
import { credentialsFor, type CredentialSource } from "../../migrate/credentials.js";
import { parseImapUrl } from "../../migrate/imap-server.js";
import type { MapEntry } from "../../migrate/map-file.js";
import {
  exportedMailboxes,
  locateZip,
  parseFrom,
  type ExportedMailbox,
  type LocalZip,
} from "../../migrate/mail/export-locator.js";
import { openImapSource } from "../../migrate/mail/imap-source.js";
import type { MailSource } from "../../migrate/mail/source.js";
import { openZipSource } from "../../migrate/mail/zip-source.js";
import { UsageError } from "../../errors/cli-error.js";
import { requirePrivate } from "./options.js";

export interface SourceFlags {
  from?: string | undefined;
  fromImap?: string | undefined;
  sourcePasswordFile?: string | undefined;
  tokenCommand?: string | undefined;
}

/** Where each mapped mailbox is read from: its export zip, or an IMAP server. */
export interface MailSources {
  open(e: MapEntry): Promise<MailSource>;
  /** The zip (or server) a mailbox would be read from, for --dry-run and verify. */
  describe(e: MapEntry): Promise<string>;
  /** The export zip of a mailbox, if it comes from one. */
  zip(e: MapEntry): Promise<LocalZip | undefined>;
}

export async function mailSources(
  ctx: CommandContext,
  opts: SourceFlags,
  entries: readonly MapEntry[],
): Promise<MailSources> {
  if (opts.fromImap !== undefined) {
    if (opts.from !== undefined) throw new UsageError("--from and --from-imap cannot be combined");
    const server = parseImapUrl(opts.fromImap, "--from-imap");
    let shared: string | undefined;
    if (opts.sourcePasswordFile !== undefined) {
      await requirePrivate(opts.sourcePasswordFile, "--source-password-file");
      shared = (await ctx.password({ file: opts.sourcePasswordFile }, { optional: true }))?.password;
    }
    const source: CredentialSource =
      opts.tokenCommand !== undefined && shared === undefined
        ? {
            kind: "token-command",
            command: opts.tokenCommand,
            env: { ...(ctx.env as Record<string, string | undefined>), WMCTL_MIGRATE_SIDE: "source" },
          }
        : { kind: "password", password: shared };
    const missing = entries.filter(
      (e) => e.sourcePassword === undefined && source.kind === "password" && source.password === undefined,
    );
    if (missing.length > 0)
      throw new UsageError(
        `--from-imap needs the source password of ${missing[0]?.mailbox}${missing.length > 1 ? ` and ${missing.length - 1} more` : ""}`,
        "add a source_password column to the 0600 map file, or give --source-password-file",
      );
    return {
      open: async (e) =>
        openImapSource(server, await credentialsFor(e.sourceLogin ?? e.mailbox, e.sourcePassword, source)),
      describe: async (e) => `${server.url} as ${e.sourceLogin ?? e.mailbox}`,
      zip: async () => undefined,
    };
  }
  const origin = parseFrom(opts.from);
  let exported = new Map<string, ExportedMailbox>();
  try {
    exported = exportedMailboxes(ExportLedger.open(ctx.settings.dataDir, await ctx.org()).jobs());
  } catch (e) {
    // A --from folder of zips named after their mailboxes needs no organization.
    if (origin.kind !== "dir") throw e;
  }
  const zip = (e: MapEntry) =>
    locateZip(e.mailbox, exported.get(e.mailbox.toLowerCase()), origin, () => ctx.exportStorage());
  const notFound = (e: MapEntry) =>
    exported.has(e.mailbox.toLowerCase())
      ? `the export of ${e.mailbox} (job ${exported.get(e.mailbox.toLowerCase())?.jobId}) is not in ${origin.kind === "dir" ? origin.dir : origin.kind === "s3" ? `s3://${origin.bucket}/${origin.prefix}` : "its bucket"}`
      : `no completed export of ${e.mailbox} is known: run \`wmctl export all\` first (or --from a folder with ${e.mailbox}.zip)`;
  return {
    async open(e) {
      const z = await zip(e);
      if (z === undefined) throw new Error(notFound(e));
      try {
        const s = await openZipSource(z.path);
        return {
          ...s,
          close: async () => {
            await s.close();
            await z.release();
          },
        };
      } catch (err) {
        await z.release();
        throw new Error(`cannot read the export zip of ${e.mailbox}: ${(err as Error).message}`);
      }
    },
    async describe(e) {
      const z = await zip(e);
      await z?.release();
      return z === undefined
        ? notFound(e)
        : origin.kind === "s3" || exported.get(e.mailbox.toLowerCase()) === undefined
          ? z.path
          : `export job ${exported.get(e.mailbox.toLowerCase())?.jobId}`;
    },
    zip,
  };
}

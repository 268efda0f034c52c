import { stat } from "node:fs/promises";
import type { CommandContext } from "../../context/context.js";
import { UsageError } from "../../errors/cli-error.js";
import type { CredentialSource } from "../../migrate/credentials.js";
import { MigrationLedger } from "../../migrate/ledger.js";

/** Options `migrate mail` and `migrate verify` share: the source, the target and how to log in to them. */
export const TARGET_OPTIONS = {
  to: {
    kind: "string",
    required: true,
    placeholder: "imap[s]://host[:port]",
    describe: "The target IMAP server (Microsoft 365: imaps://outlook.office365.com, Google: imaps://imap.gmail.com)",
  },
  map: {
    kind: "string",
    required: true,
    placeholder: "file",
    describe: "The user map: CSV with mailbox,target_login[,password] (a password column only in a 0600 file)",
  },
  from: {
    kind: "string",
    placeholder: "dir|s3://bucket/prefix",
    describe: "Where the export zips are (default: where `export all` wrote them, from the export ledger)",
  },
  passwordStdin: { kind: "boolean", describe: "Read the target password (the same for every login) from stdin" },
  passwordFile: { kind: "string", placeholder: "file", describe: "Read the target password from a file (mode 0600)" },
  tokenCommand: {
    kind: "string",
    placeholder: "cmd",
    describe: "Log in with XOAUTH2: run CMD per login (WMCTL_MIGRATE_USER set) and use the access token it prints",
  },
  ledger: {
    kind: "string",
    placeholder: "file",
    describe: "The migration ledger (default: migrate/ledger.jsonl in wmctl's data folder)",
  },
  fromImap: {
    kind: "string",
    placeholder: "imap[s]://host",
    describe:
      "Read the mailboxes from this IMAP server instead of export zips (source_login/source_password columns, or --source-password-file)",
  },
  sourcePasswordFile: {
    kind: "string",
    placeholder: "file",
    describe: "With --from-imap: the source password for every login, from a file (mode 0600)",
  },
} as const;

export interface TargetFlags {
  passwordStdin: boolean;
  passwordFile?: string | undefined;
  tokenCommand?: string | undefined;
  ledger?: string | undefined;
}

/** The shared target credentials: a password (stdin or a 0600 file), a token command, or none (the map has passwords). */
export async function targetCredentials(ctx: CommandContext, opts: TargetFlags): Promise<CredentialSource> {
  const given = [opts.passwordStdin, opts.passwordFile !== undefined, opts.tokenCommand !== undefined].filter(
    Boolean,
  ).length;
  if (given > 1) throw new UsageError("use only one of --password-stdin, --password-file and --token-command");
  if (opts.tokenCommand !== undefined)
    return { kind: "token-command", command: opts.tokenCommand, env: ctx.env as Record<string, string | undefined> };
  if (opts.passwordFile !== undefined) await requirePrivate(opts.passwordFile, "--password-file");
  const p = await ctx.password({ stdin: opts.passwordStdin, file: opts.passwordFile }, { optional: true });
  return { kind: "password", password: p?.password };
}

/** Refuses a secret file other users can read (exit 2). */
export async function requirePrivate(file: string, flag: string): Promise<void> {
  let mode: number;
  try {
    mode = (await stat(file)).mode;
  } catch (e) {
    throw new UsageError(`${flag}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if ((mode & 0o077) !== 0)
    throw new UsageError(
      `${flag}: ${file} can be read by other users (mode ${(mode & 0o777).toString(8)})`,
      `chmod 600 ${file}`,
    );
}

export function openLedger(ctx: CommandContext, file: string | undefined): MigrationLedger {
  return MigrationLedger.open(file ?? MigrationLedger.defaultFile(ctx.settings.dataDir));
}

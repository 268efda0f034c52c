import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CommandContext } from "../../context/context.js";
import type { OutputSpec } from "../../output/format.js";

/**
 * The Identity Center applications wmctl created (issue #11 item 16). The WorkMail API creates and
 * deletes them but cannot list them, and `idp set` needs the ARN that `create` printed once: wmctl
 * keeps a note of each one it creates, per backend, region and endpoint, in its data folder.
 */
export interface RememberedApplication {
  applicationArn: string;
  name: string;
  instanceArn: string;
  created: string;
}

export interface ApplicationView {
  applicationArn: string;
  name: string | undefined;
  instanceArn: string | undefined;
  created: Date | undefined;
  /** The organization whose sign-in uses it (from its identity provider configuration). */
  usedBy: string | undefined;
}

const APPLICATION_FIELDS = ["applicationArn", "name", "instanceArn", "created", "usedBy"] as const;
export const applicationListOutput: OutputSpec = {
  fields: APPLICATION_FIELDS,
  columns: ["name", "applicationArn", "usedBy", "created"],
  list: true,
  empty: "no Identity Center applications known",
};
export const applicationRecordOutput: OutputSpec = { fields: APPLICATION_FIELDS, columns: APPLICATION_FIELDS };

type NoteFile = Record<string, RememberedApplication[]>;

function fileOf(ctx: CommandContext): string {
  return join(ctx.settings.dataDir, "identity-center-applications.json");
}

/** Applications are account-wide: one list per backend, region and endpoint. */
function scope(ctx: CommandContext): string {
  return [ctx.settings.backend, ctx.settings.region ?? "", ctx.settings.endpointUrl ?? ""].join("|");
}

function read(ctx: CommandContext): NoteFile {
  try {
    return JSON.parse(readFileSync(fileOf(ctx), "utf8")) as NoteFile;
  } catch {
    return {};
  }
}

function write(ctx: CommandContext, notes: NoteFile): void {
  mkdirSync(ctx.settings.dataDir, { recursive: true, mode: 0o700 });
  const tmp = `${fileOf(ctx)}.${randomUUID()}.tmp`;
  writeFileSync(tmp, JSON.stringify(notes, null, 2) + "\n", { mode: 0o600 });
  renameSync(tmp, fileOf(ctx));
}

export function rememberedApplications(ctx: CommandContext): RememberedApplication[] {
  return read(ctx)[scope(ctx)] ?? [];
}

export function rememberApplication(ctx: CommandContext, app: RememberedApplication): void {
  const notes = read(ctx);
  notes[scope(ctx)] = [...(notes[scope(ctx)] ?? []).filter((a) => a.applicationArn !== app.applicationArn), app];
  write(ctx, notes);
}

export function forgetApplication(ctx: CommandContext, arn: string): void {
  const notes = read(ctx);
  if (notes[scope(ctx)] === undefined) return;
  notes[scope(ctx)] = (notes[scope(ctx)] ?? []).filter((a) => a.applicationArn !== arn);
  write(ctx, notes);
}

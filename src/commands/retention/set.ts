import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import type { FolderConfiguration } from "@aws-sdk/client-workmail";
import { currentPolicy, FOLDER_SPEC_HELP, parseFolderSpec, retentionOutput, retentionView } from "./view.js";
import { validateRequest } from "../../backend/validate-request.js";

export const retentionSetCommand = defineCommand({
  name: "set",
  aliases: ["put"],
  summary: "Set the mailbox retention policy (replaces the whole policy)",
  description:
    `${FOLDER_SPEC_HELP}\nThe policy applies to those folders of every mailbox; users cannot override it. Folders not\n` +
    "given are not touched by the policy (--merge keeps the current policy's rules for them). WorkMail takes\n" +
    "up to 48 hours to apply a change. A change that drops or changes a folder's rule, or deletes messages\n" +
    "for good, shows the difference and asks first (--yes without a terminal).",
  examples: [
    "wmctl retention set --folder inbox=delete:365 --folder junk-email=permanently-delete:30",
    "wmctl retention set --name strict --folder deleted-items=permanently-delete:7 --dry-run",
    "wmctl retention set --merge --folder inbox=delete:30      # the other folders keep their rules",
  ],
  options: {
    folder: { kind: "list", required: true, placeholder: "spec", describe: "FOLDER=ACTION:DAYS (repeatable)" },
    name: { kind: "string", describe: "Policy name (default: the current one's, else `default`)" },
    description: { kind: "string", describe: "Policy description" },
    merge: {
      kind: "boolean",
      describe: "Keep the current rules of the folders not given (default: the policy is replaced)",
    },
  },
  output: retentionOutput,
  mutating: true,
  async run(ctx, opts) {
    const folders = opts.folder.map(parseFolderSpec);
    const dup = folders.find((f, i) => folders.findIndex((g) => g.Name === f.Name) !== i);
    if (dup !== undefined) throw new UsageError(`--folder: ${dup.Name ?? ""} is given twice`);
    const api = await ctx.backend();
    const org = await ctx.org();
    const current = await currentPolicy(api, org);
    const name = opts.name ?? current?.Name ?? "default";
    const description = opts.description ?? current?.Description;
    if (opts.merge) {
      const given = new Set(folders.map((f) => f.Name));
      folders.push(...(current?.FolderConfigurations ?? []).filter((f) => !given.has(f.Name)));
    }
    const diff = folderDiff(current?.FolderConfigurations ?? [], folders);
    if (
      diff.every((d) => d.change === "same") &&
      name === (current?.Name ?? name) &&
      description === current?.Description &&
      current !== undefined
    ) {
      ctx.out.status(`Retention policy ${name} already has these rules: nothing to change`);
      ctx.out.record(retentionView(current));
      return;
    }
    // Dropping or changing a folder's rule, or deleting for good, is shown and confirmed.
    const risky = diff.filter(
      (d) =>
        d.change === "removed" ||
        d.change === "changed" ||
        (d.change === "added" && d.after?.includes("PERMANENTLY_DELETE")),
    );
    if (risky.length > 0 && !opts.dryRun) {
      ctx.out.info(
        `Retention policy ${name}, folder by folder:\n${diff
          .filter((d) => d.change !== "same")
          .map((d) => `  ${d.line}`)
          .join("\n")}`,
      );
      await ctx.confirm(
        `Apply this retention policy to every mailbox${risky.some((d) => d.after?.includes("PERMANENTLY_DELETE")) ? " (permanently deleted messages cannot be recovered)" : ""}?`,
      );
    }
    const request = {
      OrganizationId: org,
      Name: name,
      FolderConfigurations: folders,
      ...(current?.Id === undefined ? {} : { Id: current.Id }),
      ...(description === undefined ? {} : { Description: description }),
    };
    if (opts.dryRun) {
      await validateRequest("PutRetentionPolicy", request);
      ctx.out.plan({
        action: "PutRetentionPolicy",
        target: name,
        details: {
          replaces: current?.Id,
          folders: folders.map(ruleText),
          changes: diff.filter((d) => d.change !== "same").map((d) => d.line),
        },
      });
      return;
    }
    await api.putRetentionPolicy(request);
    ctx.out.status(`Retention policy ${name} set (WorkMail applies it within 48 hours)`);
    ctx.out.record(retentionView(await api.getDefaultRetentionPolicy({ OrganizationId: org })));
  },
});

/** `INBOX=DELETE:30`. */
function ruleText(f: FolderConfiguration): string {
  return `${f.Name ?? ""}=${f.Action ?? ""}${f.Period === undefined ? "" : `:${f.Period}`}`;
}

interface FolderChange {
  readonly change: "added" | "removed" | "changed" | "same";
  readonly after: string | undefined;
  /** `INBOX: DELETE:30 -> PERMANENTLY_DELETE:30`, `JUNK_EMAIL: PERMANENTLY_DELETE:7 -> (no rule)`. */
  readonly line: string;
}

/** How each folder's rule changes from `before` to `after`. */
function folderDiff(before: readonly FolderConfiguration[], after: readonly FolderConfiguration[]): FolderChange[] {
  const rule = (f: FolderConfiguration | undefined) =>
    f === undefined ? undefined : ruleText(f).slice((f.Name ?? "").length + 1);
  const names = [...new Set([...before, ...after].map((f) => f.Name ?? ""))];
  return names.map((n) => {
    const b = rule(before.find((f) => f.Name === n));
    const a = rule(after.find((f) => f.Name === n));
    const change = b === a ? "same" : b === undefined ? "added" : a === undefined ? "removed" : "changed";
    return { change, after: a, line: `${n}: ${b ?? "(no rule)"} -> ${a ?? "(no rule)"}` };
  });
}

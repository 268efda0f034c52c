import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { currentPolicy, FOLDER_SPEC_HELP, parseFolderSpec, retentionOutput, retentionView } from "./view.js";
import { validateRequest } from "../../backend/validate-request.js";

export const retentionSetCommand = defineCommand({
  name: "set",
  aliases: ["put"],
  summary: "Set the mailbox retention policy (replaces the whole policy)",
  description:
    `${FOLDER_SPEC_HELP}\nThe policy applies to those folders of every mailbox; users cannot override it. Folders not\n` +
    "given are not touched by the policy. WorkMail takes up to 48 hours to apply a change.",
  examples: [
    "wmctl retention set --folder inbox=delete:365 --folder junk-email=permanently-delete:30",
    "wmctl retention set --name strict --folder deleted-items=permanently-delete:7 --dry-run",
  ],
  options: {
    folder: { kind: "list", required: true, placeholder: "spec", describe: "FOLDER=ACTION:DAYS (repeatable)" },
    name: { kind: "string", describe: "Policy name (default: the current one's, else `default`)" },
    description: { kind: "string", describe: "Policy description" },
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
        details: { replaces: current?.Id, folders: folders.map((f) => `${f.Name ?? ""}=${f.Action ?? ""}${f.Period === undefined ? "" : `:${f.Period}`}`) },
      });
      return;
    }
    await api.putRetentionPolicy(request);
    ctx.out.status(`Retention policy ${name} set (WorkMail applies it within 48 hours)`);
    ctx.out.record(retentionView(await api.getDefaultRetentionPolicy({ OrganizationId: org })));
  },
});

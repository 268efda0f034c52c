import { defineCommand } from "../../cli/define-command.js";
import { organizationArn, tagListOutput } from "./view.js";

export const tagRemoveCommand = defineCommand({
  name: "remove",
  aliases: ["rm", "delete"],
  summary: "Remove tags from the organization",
  examples: ["wmctl tag remove env --yes", "wmctl tag remove cost-center team --dry-run"],
  args: [{ name: "keys", describe: "tag keys", variadic: true }],
  output: tagListOutput,
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const arn = await organizationArn(ctx);
    const current = new Map(
      ((await api.listTagsForResource({ ResourceARN: arn })).Tags ?? []).map((t) => [t.Key as string, t.Value]),
    );
    const missing = opts.keys.filter((k) => !current.has(k));
    if (missing.length > 0) ctx.out.warn(`no tag ${missing.join(", ")} on this organization`);
    const keys = opts.keys.filter((k) => current.has(k));
    if (opts.dryRun) {
      for (const k of keys) ctx.out.plan({ action: "UntagResource", target: k, details: { value: current.get(k) } });
      return;
    }
    if (keys.length > 0) {
      await ctx.confirm(`Remove the tag${keys.length > 1 ? "s" : ""} ${keys.join(", ")} from the organization?`);
      await api.untagResource({ ResourceARN: arn, TagKeys: keys });
      ctx.out.status(`Removed ${keys.join(", ")}`);
    }
    const { Tags } = await api.listTagsForResource({ ResourceARN: arn });
    for (const t of Tags ?? []) ctx.out.row({ key: t.Key, value: t.Value });
  },
});

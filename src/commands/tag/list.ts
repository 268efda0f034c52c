import { defineCommand } from "../../cli/define-command.js";
import { organizationArn, tagListOutput } from "./view.js";

export const tagListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List the organization's tags",
  examples: ["wmctl tag list", "wmctl tag list -o json"],
  output: tagListOutput,
  async run(ctx) {
    const api = await ctx.backend();
    const { Tags } = await api.listTagsForResource({ ResourceARN: await organizationArn(ctx) });
    for (const t of Tags ?? []) ctx.out.row({ key: t.Key, value: t.Value });
  },
});

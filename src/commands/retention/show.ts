import { defineCommand } from "../../cli/define-command.js";
import { retentionOutput, retentionView } from "./view.js";

export const retentionShowCommand = defineCommand({
  name: "show",
  aliases: ["describe", "get"],
  summary: "Show the organization's mailbox retention policy",
  description: "Prints nothing (and says so on stderr) when the organization has no retention policy.",
  examples: ["wmctl retention show", "wmctl retention show -o json | jq .folders"],
  output: retentionOutput,
  async run(ctx) {
    const api = await ctx.backend();
    const org = await ctx.org();
    try {
      ctx.out.record(retentionView(await api.getDefaultRetentionPolicy({ OrganizationId: org })));
    } catch (e) {
      if ((e as Error).name !== "EntityNotFoundException") throw e;
      ctx.out.info("No retention policy: messages stay until users delete them");
    }
  },
});

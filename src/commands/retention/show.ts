import { defineCommand } from "../../cli/define-command.js";
import { currentPolicy, retentionOutput, retentionView } from "./view.js";

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
    const policy = await currentPolicy(api, org);
    if (policy === undefined) ctx.out.info("No retention policy: messages stay until users delete them");
    else ctx.out.record(retentionView(policy));
  },
});

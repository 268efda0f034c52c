import { defineCommand } from "../../cli/define-command.js";
import { dmarcOutput } from "./view.js";

export const dmarcShowCommand = defineCommand({
  name: "show",
  aliases: ["describe", "get"],
  summary: "Show whether DMARC policies are enforced on incoming email",
  examples: ["wmctl dmarc show", "wmctl dmarc show --fields enforced"],
  output: dmarcOutput,
  async run(ctx) {
    const api = await ctx.backend();
    const res = await api.describeInboundDmarcSettings({ OrganizationId: await ctx.org() });
    ctx.out.record({ enforced: res.Enforced === true });
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { dmarcOutput } from "./view.js";

export const dmarcDisableCommand = defineCommand({
  name: "disable",
  aliases: ["off"],
  summary: "Stop enforcing senders' DMARC policies on incoming email",
  examples: ["wmctl dmarc disable"],
  output: dmarcOutput,
  mutating: true,
  async run(ctx, opts) {
    const org = await ctx.org();
    if (opts.dryRun) {
      ctx.out.plan({ action: "PutInboundDmarcSettings", target: org, details: { enforced: false } });
      return;
    }
    const api = await ctx.backend();
    await api.putInboundDmarcSettings({ OrganizationId: org, Enforced: false });
    ctx.out.status("DMARC enforcement is off");
    ctx.out.record({ enforced: false });
  },
});

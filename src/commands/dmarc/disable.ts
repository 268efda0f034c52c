import { defineCommand } from "../../cli/define-command.js";
import { dmarcOutput } from "./view.js";

export const dmarcDisableCommand = defineCommand({
  name: "disable",
  aliases: ["off"],
  summary: "Stop enforcing senders' DMARC policies on incoming email",
  description: "Spoofed mail that fails DMARC is then delivered: you are asked first (--yes without a terminal).",
  examples: ["wmctl dmarc disable", "wmctl dmarc disable --yes"],
  output: dmarcOutput,
  mutating: true,
  async run(ctx, opts) {
    const org = await ctx.org();
    const api = await ctx.backend();
    if ((await api.describeInboundDmarcSettings({ OrganizationId: org })).Enforced !== true) {
      ctx.out.status("DMARC enforcement is already off");
      ctx.out.record({ enforced: false });
      return;
    }
    if (opts.dryRun) {
      ctx.out.plan({ action: "PutInboundDmarcSettings", target: org, details: { enforced: false } });
      return;
    }
    await ctx.confirm("Stop enforcing DMARC (incoming mail that fails the sender's DMARC policy will be delivered)?");
    await api.putInboundDmarcSettings({ OrganizationId: org, Enforced: false });
    ctx.out.status("DMARC enforcement is off");
    ctx.out.record({ enforced: false });
  },
});

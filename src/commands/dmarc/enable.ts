import { defineCommand } from "../../cli/define-command.js";
import { ACKNOWLEDGEMENT, dmarcOutput } from "./view.js";

export const dmarcEnableCommand = defineCommand({
  name: "enable",
  aliases: ["on"],
  summary: "Enforce senders' DMARC policies on incoming email (the default of new organizations)",
  description: "As in the console, turning enforcement on needs an acknowledgement (--yes without a terminal).",
  examples: ["wmctl dmarc enable", "wmctl dmarc enable --yes"],
  output: dmarcOutput,
  mutating: true,
  async run(ctx, opts) {
    const org = await ctx.org();
    const api = await ctx.backend();
    if ((await api.describeInboundDmarcSettings({ OrganizationId: org })).Enforced === true) {
      ctx.out.status("DMARC enforcement is already on");
      ctx.out.record({ enforced: true });
      return;
    }
    if (opts.dryRun) {
      ctx.out.plan({ action: "PutInboundDmarcSettings", target: org, details: { enforced: true } });
      return;
    }
    await ctx.confirm(ACKNOWLEDGEMENT);
    await api.putInboundDmarcSettings({ OrganizationId: org, Enforced: true });
    ctx.out.status("DMARC enforcement is on; track it with email event logging (wmctl monitoring enable)");
    ctx.out.record({ enforced: true });
  },
});

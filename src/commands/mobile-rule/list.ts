import { defineCommand } from "../../cli/define-command.js";
import { listMobileRules, mobileRuleListOutput, mobileRuleView } from "./view.js";

export const mobileRuleListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List the organization's mobile device access rules",
  description:
    "Mobile rules apply to Exchange ActiveSync devices. A matching DENY rule blocks the device; otherwise\n" +
    "a matching ALLOW rule allows it; with no matching rule, the device is blocked. A new organization has\n" +
    "one rule, `default`, that allows every device.",
  examples: ["wmctl mobile-rule list", "wmctl mobile-rule list --fields id,name -o csv"],
  output: mobileRuleListOutput,
  async run(ctx) {
    const api = await ctx.backend();
    const rules = await listMobileRules(api, await ctx.org());
    for (const r of rules) ctx.out.row(mobileRuleView(r));
    if (rules.length === 0)
      ctx.out.warn("there are no mobile device access rules: all mobile device access is blocked (overrides aside)");
  },
});

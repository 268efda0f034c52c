import { defineCommand } from "../../cli/define-command.js";
import { listMobileRules, resolveMobileRule } from "./view.js";

export const mobileRuleDeleteCommand = defineCommand({
  name: "delete",
  aliases: ["rm"],
  summary: "Delete a mobile device access rule",
  description: "Deleting the last mobile rule blocks all mobile device access (overrides aside).",
  examples: ["wmctl mobile-rule delete BlockAllAndroid", "wmctl mobile-rule delete default --yes"],
  args: [{ name: "rule", describe: "rule id, or name when it is unique" }],
  output: { fields: ["id", "name", "deleted", "rulesLeft"], columns: ["id", "name", "deleted", "rulesLeft"] },
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const rules = await listMobileRules(api, org);
    const rule = resolveMobileRule(rules, opts.rule, org);
    const count = rules.length;
    const label = `${rule.Name ?? ""} (${rule.MobileDeviceAccessRuleId ?? ""})`;
    if (opts.dryRun) {
      ctx.out.plan({
        action: "DeleteMobileDeviceAccessRule",
        target: label,
        details: { rulesLeft: count - 1, blocksAllDevices: count === 1 },
      });
      return;
    }
    await ctx.confirm(
      count === 1
        ? `Delete ${label}, the last mobile device access rule? With no rules, all mobile device access is blocked.`
        : `Delete mobile device access rule ${label}?`,
    );
    await api.deleteMobileDeviceAccessRule({
      OrganizationId: org,
      MobileDeviceAccessRuleId: rule.MobileDeviceAccessRuleId as string,
    });
    ctx.out.status(`Deleted mobile device access rule ${label}`);
    if (count === 1) ctx.out.warn("no mobile device access rules are left: all mobile device access is blocked");
    ctx.out.record({ id: rule.MobileDeviceAccessRuleId, name: rule.Name, deleted: true, rulesLeft: count - 1 });
  },
});

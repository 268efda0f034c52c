import { defineCommand } from "../../cli/define-command.js";
import {
  CONDITION_OPTIONS,
  CONDITIONS_HELP,
  conditionMembers,
  listMobileRules,
  mobileRuleConditions,
  mobileRuleRecordOutput,
  mobileRuleView,
  resolveMobileRule,
} from "./view.js";
import { validateRequest } from "../../backend/validate-request.js";

export const mobileRuleUpdateCommand = defineCommand({
  name: "update",
  summary: "Change a mobile device access rule (what is not given stays as it is)",
  description:
    "UpdateMobileDeviceAccessRule replaces the whole rule; wmctl keeps the name, effect, description and\n" +
    "each condition you do not give. --clear-conditions starts from no conditions (a rule for every device).\n" +
    CONDITIONS_HELP,
  examples: [
    "wmctl mobile-rule update AllowLatestiOS --os 'iOS 14.4'",
    "wmctl mobile-rule update 1a2b3c4d --effect deny --clear-conditions",
  ],
  args: [{ name: "rule", describe: "rule id, or name when it is unique" }],
  options: {
    name: { kind: "string", describe: "New name" },
    effect: { kind: "enum", choices: ["ALLOW", "DENY"], describe: "New effect" },
    description: { kind: "string", describe: "New description" },
    clearConditions: { kind: "boolean", describe: "Drop every condition not given again here" },
    ...CONDITION_OPTIONS,
  },
  output: mobileRuleRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const rule = resolveMobileRule(await listMobileRules(api, org), opts.rule, org);
    const given = conditionMembers(opts);
    const keep = <T>(key: keyof typeof given, current: T) => given[key] ?? (opts.clearConditions ? undefined : current);
    const input = {
      OrganizationId: org,
      MobileDeviceAccessRuleId: rule.MobileDeviceAccessRuleId as string,
      Name: opts.name ?? (rule.Name as string),
      Effect: opts.effect ?? rule.Effect ?? "ALLOW",
      ...((opts.description ?? rule.Description) === undefined
        ? {}
        : { Description: opts.description ?? rule.Description }),
      DeviceTypes: keep("DeviceTypes", rule.DeviceTypes),
      NotDeviceTypes: keep("NotDeviceTypes", rule.NotDeviceTypes),
      DeviceModels: keep("DeviceModels", rule.DeviceModels),
      NotDeviceModels: keep("NotDeviceModels", rule.NotDeviceModels),
      DeviceOperatingSystems: keep("DeviceOperatingSystems", rule.DeviceOperatingSystems),
      NotDeviceOperatingSystems: keep("NotDeviceOperatingSystems", rule.NotDeviceOperatingSystems),
      DeviceUserAgents: keep("DeviceUserAgents", rule.DeviceUserAgents),
      NotDeviceUserAgents: keep("NotDeviceUserAgents", rule.NotDeviceUserAgents),
    };
    if (opts.dryRun) {
      await validateRequest("UpdateMobileDeviceAccessRule", input);
      ctx.out.plan({
        action: "UpdateMobileDeviceAccessRule",
        target: `${rule.Name ?? ""} (${input.MobileDeviceAccessRuleId})`,
        details: {
          name: input.Name,
          effect: input.Effect,
          description: input.Description,
          ...mobileRuleConditions(input),
        },
      });
      return;
    }
    await api.updateMobileDeviceAccessRule(input);
    ctx.out.status(`Updated mobile device access rule ${input.Name}`);
    const saved = (await listMobileRules(api, org)).find(
      (r) => r.MobileDeviceAccessRuleId === rule.MobileDeviceAccessRuleId,
    );
    if (saved !== undefined) ctx.out.record(mobileRuleView(saved));
  },
});

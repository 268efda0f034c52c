import { randomUUID } from "node:crypto";
import { defineCommand } from "../../cli/define-command.js";
import { ConflictError } from "../../errors/cli-error.js";
import { shellQuote } from "../../output/shell-quote.js";
import {
  CONDITION_OPTIONS,
  CONDITIONS_HELP,
  conditionMembers,
  listMobileRules,
  mobileRuleConditions,
  mobileRuleRecordOutput,
  mobileRuleView,
} from "./view.js";
import { validateRequest } from "../../backend/validate-request.js";

export const mobileRuleCreateCommand = defineCommand({
  name: "create",
  summary: "Create a mobile device access rule",
  description: `${CONDITIONS_HELP}\nAn organization has at most 10 mobile rules.`,
  examples: [
    "wmctl mobile-rule create BlockAllAndroid --effect deny --device-type android",
    "wmctl mobile-rule create AllowLatestiOS --effect allow --os 'iOS 14.3'",
    "wmctl mobile-rule create DefaultDenyAll --effect deny",
    "wmctl mobile-rule create AppleOnly --effect allow --device-type iphone,ipad,'$NONE'",
  ],
  args: [{ name: "name", describe: "rule name" }],
  options: {
    effect: {
      kind: "enum",
      choices: ["ALLOW", "DENY"],
      required: true,
      describe: "What the rule does when it matches",
    },
    description: { kind: "string", describe: "Description" },
    ...CONDITION_OPTIONS,
    allowDuplicate: {
      kind: "boolean",
      describe: "Create it even if a rule with this name exists (name such rules by id afterwards)",
    },
  },
  output: mobileRuleRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const members = conditionMembers(opts);
    const api = await ctx.backend();
    const org = await ctx.org();
    // wmctl names rules by name: a second rule with the same name could not be named any more.
    const twin = (await listMobileRules(api, org)).find((r) => r.Name?.toLowerCase() === opts.name.toLowerCase());
    if (twin !== undefined && !opts.allowDuplicate) {
      throw new ConflictError(
        `a mobile device access rule named "${twin.Name ?? opts.name}" already exists (${twin.MobileDeviceAccessRuleId ?? "?"})`,
        `change it with \`wmctl mobile-rule update ${shellQuote(twin.Name ?? opts.name)}\`, choose another name, or pass --allow-duplicate`,
      );
    }
    const request = {
      OrganizationId: org,
      Name: opts.name,
      Effect: opts.effect,
      ClientToken: randomUUID(),
      ...(opts.description === undefined ? {} : { Description: opts.description }),
      ...members,
    };
    if (opts.dryRun) {
      await validateRequest("CreateMobileDeviceAccessRule", request);
      ctx.out.plan({
        action: "CreateMobileDeviceAccessRule",
        target: opts.name,
        details: { effect: opts.effect, description: opts.description, ...mobileRuleConditions(members) },
      });
      return;
    }
    const { MobileDeviceAccessRuleId } = await api.createMobileDeviceAccessRule(request);
    ctx.out.status(`Created mobile device access rule ${opts.name} (${MobileDeviceAccessRuleId ?? "?"})`);
    const saved = (await listMobileRules(api, org)).find(
      (r) => r.MobileDeviceAccessRuleId === MobileDeviceAccessRuleId,
    );
    if (saved !== undefined) ctx.out.record(mobileRuleView(saved));
  },
});

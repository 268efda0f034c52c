import { defineCommand } from "../../cli/define-command.js";
import { resolveRole } from "./resolve.js";
import { buildRules, RULE_OPTIONS, RULES_HELP } from "./rules.js";
import { parseRoleType, roleRecordOutput, roleView } from "./view.js";
import { validateRequest } from "../../backend/validate-request.js";

export const roleUpdateCommand = defineCommand({
  name: "update",
  summary: "Change an impersonation role: name, type, description, or its rules (replaced as a whole)",
  description: `What you do not give stays. Any rule flag replaces all the rules; --clear-rules removes them.\n${RULES_HELP}`,
  examples: [
    "wmctl impersonation-role update archiver --deny ceo@example.com,cfo@example.com --allow-all",
    "wmctl impersonation-role update helpdesk --type read-only",
    "wmctl impersonation-role describe helpdesk -o json | jq .rules > r.json && wmctl impersonation-role update helpdesk --rules-file r.json",
  ],
  args: [{ name: "role", describe: "role name or id" }],
  options: {
    name: { kind: "string", describe: "New name" },
    type: { kind: "string", placeholder: "type", describe: "full-access or read-only" },
    description: { kind: "string", describe: "New description" },
    clearRules: { kind: "boolean", describe: "Remove every rule (the role then impersonates nobody)" },
    ...RULE_OPTIONS,
  },
  output: roleRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const type = opts.type === undefined ? undefined : parseRoleType(opts.type);
    const api = await ctx.backend();
    const org = await ctx.org();
    const ref = await resolveRole(api, org, opts.role);
    const current = await api.getImpersonationRole({ OrganizationId: org, ImpersonationRoleId: ref.id });
    const rules = (await buildRules(ctx, opts)) ?? (opts.clearRules ? [] : (current.Rules ?? []));
    const description = opts.description ?? current.Description;
    const input = {
      OrganizationId: org,
      ImpersonationRoleId: ref.id,
      Name: opts.name ?? (current.Name as string),
      Type: type ?? current.Type ?? "READ_ONLY",
      Rules: rules,
      ...(description === undefined ? {} : { Description: description }),
    };
    if (rules.length === 0) ctx.out.warn(`role ${input.Name} has no rules: it cannot impersonate anyone`);
    if (opts.dryRun) {
      await validateRequest("UpdateImpersonationRole", input);
      ctx.out.plan({
        action: "UpdateImpersonationRole",
        target: ref.name,
        details: {
          name: input.Name,
          type: input.Type,
          rules: rules.map((r) => `${r.Name ?? r.ImpersonationRuleId}:${r.Effect}`),
        },
      });
      return;
    }
    await api.updateImpersonationRole(input);
    ctx.out.status(`Updated impersonation role ${input.Name}`);
    ctx.out.record(
      await roleView(ctx, await api.getImpersonationRole({ OrganizationId: org, ImpersonationRoleId: ref.id })),
    );
  },
});

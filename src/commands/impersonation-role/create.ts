import { randomUUID } from "node:crypto";
import { defineCommand } from "../../cli/define-command.js";
import { ConflictError } from "../../errors/cli-error.js";
import { shellQuote } from "../../output/shell-quote.js";
import { listRoles } from "./resolve.js";
import { buildRules, RULE_OPTIONS, RULES_HELP } from "./rules.js";
import { parseRoleType, roleRecordOutput, roleView } from "./view.js";
import { validateRequest } from "../../backend/validate-request.js";

export const roleCreateCommand = defineCommand({
  name: "create",
  summary: "Create an impersonation role (EWS access to mailboxes without the users' passwords)",
  description: `${RULES_HELP}\nAn organization has at most 20 impersonation roles.`,
  examples: [
    "wmctl impersonation-role create archiver --type read-only --allow-all --deny ceo@example.com",
    "wmctl impersonation-role create helpdesk --type full-access --allow alice,bob",
    "wmctl impersonation-role create migration --type full-access --rules-file rules.json",
  ],
  args: [{ name: "name", describe: "role name (unique in the organization)" }],
  options: {
    type: {
      kind: "string",
      required: true,
      placeholder: "type",
      describe: "full-access (read and modify items) or read-only",
    },
    description: { kind: "string", describe: "Description" },
    ...RULE_OPTIONS,
  },
  output: roleRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const type = parseRoleType(opts.type);
    const api = await ctx.backend();
    const org = await ctx.org();
    const twin = (await listRoles(api, org)).find((r) => r.name.toLowerCase() === opts.name.toLowerCase());
    if (twin !== undefined) {
      throw new ConflictError(
        `an impersonation role named "${twin.name}" already exists (${twin.id})`,
        `change it with \`wmctl impersonation-role update ${shellQuote(twin.name)}\`, or choose another name`,
      );
    }
    const rules = (await buildRules(ctx, opts)) ?? [];
    if (rules.length === 0)
      ctx.out.warn(`role ${opts.name} has no rules: it cannot impersonate anyone until you add one (e.g. --allow-all)`);
    const request = {
      OrganizationId: org,
      Name: opts.name,
      Type: type,
      Rules: rules,
      ClientToken: randomUUID(),
      ...(opts.description === undefined ? {} : { Description: opts.description }),
    };
    if (opts.dryRun) {
      await validateRequest("CreateImpersonationRole", request);
      ctx.out.plan({
        action: "CreateImpersonationRole",
        target: opts.name,
        details: { type, rules: rules.map((r) => `${r.Name ?? r.ImpersonationRuleId}:${r.Effect}`) },
      });
      return;
    }
    const { ImpersonationRoleId } = await api.createImpersonationRole(request);
    ctx.out.status(`Created impersonation role ${opts.name} (${ImpersonationRoleId ?? "?"})`);
    ctx.out.record(
      await roleView(
        ctx,
        await api.getImpersonationRole({ OrganizationId: org, ImpersonationRoleId: ImpersonationRoleId as string }),
      ),
    );
  },
});

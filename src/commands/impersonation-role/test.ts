import { defineCommand } from "../../cli/define-command.js";
import { resolveRole } from "./resolve.js";

export const roleTestCommand = defineCommand({
  name: "test",
  summary: "Show whether a role may impersonate a user (GetImpersonationRoleEffect)",
  examples: [
    "wmctl impersonation-role test helpdesk --target bob@example.com",
    "wmctl impersonation-role test archiver --target ceo --fields effect",
  ],
  args: [{ name: "role", describe: "role name or id" }],
  options: {
    target: {
      kind: "string",
      required: true,
      placeholder: "user",
      describe: "The user to impersonate (name or email; must be enabled)",
    },
  },
  output: {
    fields: ["role", "target", "type", "effect", "matchedRules"],
    columns: ["role", "target", "type", "effect", "matchedRules"],
  },
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const role = await resolveRole(api, org, opts.role);
    const target = await ctx.resolve.user(opts.target);
    const res = await api.getImpersonationRoleEffect({
      OrganizationId: org,
      ImpersonationRoleId: role.id,
      TargetUser: target.id,
    });
    ctx.out.record({
      role: role.name,
      target: target.email ?? target.name,
      type: res.Type,
      effect: res.Effect,
      matchedRules: (res.MatchedRules ?? []).map((m) => m.Name ?? m.ImpersonationRuleId ?? ""),
    });
  },
});

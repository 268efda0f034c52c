import { defineCommand } from "../../cli/define-command.js";
import { listRoles } from "../impersonation-role/resolve.js";
import { accessRuleListOutput, accessRuleView } from "./view.js";

export const accessRuleListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List the organization's access control rules",
  description:
    "Rules decide who may reach mailboxes, by protocol, source IPv4 range, user and impersonation role.\n" +
    "A matching DENY rule wins; otherwise a matching ALLOW rule allows; when no rule matches, access is\n" +
    "denied. A new organization has one rule, `default`, that allows everything.",
  examples: ["wmctl access-rule list", "wmctl access-rule list -o json | jq '.[] | select(.effect == \"DENY\")'"],
  output: accessRuleListOutput,
  async run(ctx) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const { Rules } = await api.listAccessControlRules({ OrganizationId: org });
    const needRoles = (Rules ?? []).some(
      (r) => (r.ImpersonationRoleIds?.length ?? 0) + (r.NotImpersonationRoleIds?.length ?? 0) > 0,
    );
    const roleNames = new Map(needRoles ? (await listRoles(api, org)).map((r) => [r.id, r.name] as const) : []);
    for (const r of Rules ?? []) ctx.out.row(await accessRuleView(ctx, r, roleNames));
    if ((Rules ?? []).length === 0)
      ctx.out.warn("there are no access control rules: all access to this organization's mailboxes is blocked");
  },
});

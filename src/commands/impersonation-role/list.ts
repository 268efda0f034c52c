import { defineCommand } from "../../cli/define-command.js";
import type { ImpersonationRole } from "@aws-sdk/client-workmail";
import { mapOrdered } from "../../backend/map-ordered.js";
import { paginate } from "../../backend/paginate.js";
import { roleListOutput, roleSummaryView, roleView } from "./view.js";

export const roleListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List impersonation roles",
  examples: ["wmctl impersonation-role list", "wmctl impersonation-role list -o json"],
  output: roleListOutput,
  async run(ctx) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const roles = paginate((t) => api.listImpersonationRoles({ OrganizationId: org, NextToken: t }), "Roles");
    if (!ctx.out.wants(["description", "rules", "ruleSummary"])) {
      for await (const r of roles) ctx.out.row(roleSummaryView(r));
      return;
    }
    // The description and rules are not in the listing: GetImpersonationRole per role.
    const get = async (r: ImpersonationRole) =>
      roleView(
        ctx,
        await api.getImpersonationRole({ OrganizationId: org, ImpersonationRoleId: r.ImpersonationRoleId as string }),
      );
    for await (const view of mapOrdered(roles, get)) ctx.out.row(view);
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { paginate } from "../../backend/paginate.js";
import { roleListOutput, roleSummaryView } from "./view.js";

export const roleListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List impersonation roles",
  examples: ["wmctl impersonation-role list", "wmctl impersonation-role list -o json"],
  output: roleListOutput,
  async run(ctx) {
    const api = await ctx.backend();
    const org = await ctx.org();
    for await (const r of paginate((t) => api.listImpersonationRoles({ OrganizationId: org, NextToken: t }), "Roles")) ctx.out.row(roleSummaryView(r));
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { resolveRole } from "./resolve.js";
import { roleRecordOutput, roleView } from "./view.js";

export const roleDescribeCommand = defineCommand({
  name: "describe",
  aliases: ["show", "get"],
  summary: "Show an impersonation role and its rules",
  examples: [
    "wmctl impersonation-role describe helpdesk",
    "wmctl impersonation-role describe helpdesk -o json | jq .rules",
  ],
  args: [{ name: "role", describe: "role name or id" }],
  output: roleRecordOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const role = await resolveRole(api, org, opts.role);
    ctx.out.record(
      await roleView(ctx, await api.getImpersonationRole({ OrganizationId: org, ImpersonationRoleId: role.id })),
    );
  },
});

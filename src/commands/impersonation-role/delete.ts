import { defineCommand } from "../../cli/define-command.js";
import { resolveRole } from "./resolve.js";

export const roleDeleteCommand = defineCommand({
  name: "delete",
  aliases: ["rm"],
  summary: "Delete an impersonation role (its tokens stop working)",
  examples: ["wmctl impersonation-role delete helpdesk", "wmctl impersonation-role delete helpdesk --yes"],
  args: [{ name: "role", describe: "role name or id" }],
  output: { fields: ["id", "name", "deleted"], columns: ["id", "name", "deleted"] },
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const role = await resolveRole(api, org, opts.role);
    if (opts.dryRun) {
      ctx.out.plan({ action: "DeleteImpersonationRole", target: role.name, details: { id: role.id } });
      return;
    }
    await ctx.confirm(
      `Delete impersonation role ${role.name} (${role.id})? Applications using it lose access to mailboxes.`,
    );
    await api.deleteImpersonationRole({ OrganizationId: org, ImpersonationRoleId: role.id });
    ctx.out.status(`Deleted impersonation role ${role.name}`);
    ctx.out.record({ id: role.id, name: role.name, deleted: true });
  },
});

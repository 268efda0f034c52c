import { defineCommand } from "../../cli/define-command.js";
import { NotFoundError } from "../../errors/cli-error.js";
import { currentPolicy } from "./view.js";

export const retentionDeleteCommand = defineCommand({
  name: "delete",
  aliases: ["rm"],
  summary: "Delete the mailbox retention policy (messages are then kept until users delete them)",
  examples: ["wmctl retention delete --yes"],
  output: { fields: ["id", "name", "deleted"], columns: ["id", "name", "deleted"] },
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const policy = await currentPolicy(api, org);
    if (policy === undefined) throw new NotFoundError(`organization ${org} has no retention policy`);
    if (opts.dryRun) {
      ctx.out.plan({ action: "DeleteRetentionPolicy", target: policy.Name ?? "", details: { id: policy.Id } });
      return;
    }
    await ctx.confirm(`Delete retention policy ${policy.Name ?? ""}?`);
    await api.deleteRetentionPolicy({ OrganizationId: org, Id: policy.Id as string });
    ctx.out.status(`Deleted retention policy ${policy.Name ?? ""}`);
    ctx.out.record({ id: policy.Id, name: policy.Name, deleted: true });
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { deleteEntity } from "../lifecycle.js";
import { groupRecordOutput } from "./view.js";

export const groupDeleteCommand = defineCommand({
  name: "delete",
  aliases: ["rm"],
  summary: "Delete a group for good (an enabled group is disabled first, after confirmation)",
  description: "Its addresses are released and its memberships and delegations removed. This cannot be undone.",
  examples: ["wmctl group delete sales", "wmctl group delete sales --yes", "wmctl group delete sales --dry-run"],
  args: [{ name: "group", describe: "name, email or id" }],
  output: groupRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const g = await deleteEntity(ctx, "GROUP", opts.group, opts.dryRun);
    if (opts.dryRun) return;
    ctx.out.record({ id: g.id, name: g.name, state: "DELETED" });
  },
});

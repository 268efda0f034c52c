import { defineCommand } from "../../cli/define-command.js";
import { deleteEntity } from "../lifecycle.js";
import { resourceRecordOutput } from "./view.js";

export const resourceDeleteCommand = defineCommand({
  name: "delete",
  aliases: ["rm"],
  summary: "Delete a resource for good (an enabled resource is disabled first, after confirmation)",
  description: "Its addresses are released and its delegates removed. This cannot be undone.",
  examples: [
    "wmctl resource delete room-101",
    "wmctl resource delete room-101 --yes",
    "wmctl resource delete room-101 --dry-run",
  ],
  args: [{ name: "resource", describe: "name, email or id" }],
  output: resourceRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const r = await deleteEntity(ctx, "RESOURCE", opts.resource, opts.dryRun);
    if (opts.dryRun) return;
    ctx.out.record({ id: r.id, name: r.name, state: "DELETED" });
  },
});

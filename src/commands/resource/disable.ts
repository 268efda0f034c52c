import { defineCommand } from "../../cli/define-command.js";
import { disableEntity } from "../lifecycle.js";
import { resourceRecordOutput, resourceView } from "./view.js";

export const resourceDisableCommand = defineCommand({
  name: "disable",
  summary: "Disable a resource: it can no longer be booked (DeregisterFromWorkMail)",
  description: "A disabled resource can be enabled again within 30 days; it keeps its delegates and addresses.",
  examples: ["wmctl resource disable room-101"],
  args: [{ name: "resource", describe: "name, email or id" }],
  output: resourceRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const r = await disableEntity(ctx, "RESOURCE", opts.resource, opts.dryRun);
    if (opts.dryRun) return;
    const api = await ctx.backend();
    ctx.out.record(resourceView(await api.describeResource({ OrganizationId: await ctx.org(), ResourceId: r.id })));
  },
});

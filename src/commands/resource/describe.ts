import { defineCommand } from "../../cli/define-command.js";
import { delegateNamesOf } from "./delegates.js";
import { resourceRecordOutput, resourceView } from "./view.js";

export const resourceDescribeCommand = defineCommand({
  name: "describe",
  aliases: ["show"],
  summary: "Show a resource's details, booking options and delegates",
  examples: ["wmctl resource describe room-101", "wmctl resource describe room-101@example.com -o json", "wmctl resource describe projector --fields autoAcceptRequests"],
  args: [{ name: "resource", describe: "name, email or id" }],
  output: resourceRecordOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const r = await ctx.resolve.resource(opts.resource);
    const d = await api.describeResource({ OrganizationId: org, ResourceId: r.id });
    ctx.out.record(resourceView(d, d.State === "DELETED" ? [] : await delegateNamesOf(api, org, r.id)));
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { groupRecordOutput, groupView } from "./view.js";

export const groupDescribeCommand = defineCommand({
  name: "describe",
  aliases: ["show"],
  summary: "Show a group's details",
  examples: [
    "wmctl group describe sales",
    "wmctl group describe sales@example.com -o json",
    'wmctl group describe "All Staff" --fields id',
  ],
  args: [{ name: "group", describe: "name, email or id" }],
  output: groupRecordOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const g = await ctx.resolve.group(opts.group);
    ctx.out.record(groupView(await api.describeGroup({ OrganizationId: org, GroupId: g.id })));
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { disableEntity } from "../lifecycle.js";
import { groupRecordOutput, groupView } from "./view.js";

export const groupDisableCommand = defineCommand({
  name: "disable",
  summary: "Disable a group (DeregisterFromWorkMail); it keeps its members and addresses",
  examples: ["wmctl group disable sales"],
  args: [{ name: "group", describe: "name, email or id" }],
  output: groupRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const g = await disableEntity(ctx, "GROUP", opts.group, opts.dryRun);
    if (opts.dryRun) return;
    const api = await ctx.backend();
    ctx.out.record(groupView(await api.describeGroup({ OrganizationId: await ctx.org(), GroupId: g.id })));
  },
});

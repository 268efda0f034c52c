import { defineCommand } from "../../cli/define-command.js";
import { enableEntity } from "../lifecycle.js";
import { groupRecordOutput, groupView } from "./view.js";

export const groupEnableCommand = defineCommand({
  name: "enable",
  summary: "Enable a group for mail (RegisterToWorkMail)",
  description: "Without --email, the group gets back its last address, or <name>@<default domain>.",
  examples: ["wmctl group enable sales", "wmctl group enable sales --email sales@example.com"],
  args: [{ name: "group", describe: "name, email or id" }],
  options: { email: { kind: "string", placeholder: "address", describe: "Primary address to enable the group with" } },
  output: groupRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const g = await enableEntity(ctx, "GROUP", opts.group, opts.email, opts.dryRun);
    if (opts.dryRun) return;
    const api = await ctx.backend();
    ctx.out.record(groupView(await api.describeGroup({ OrganizationId: await ctx.org(), GroupId: g.id })));
  },
});

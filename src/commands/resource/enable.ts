import { defineCommand } from "../../cli/define-command.js";
import { enableEntity } from "../lifecycle.js";
import { resourceRecordOutput, resourceView } from "./view.js";

export const resourceEnableCommand = defineCommand({
  name: "enable",
  summary: "Enable a resource for booking (RegisterToWorkMail)",
  description: "Without --email, the resource gets back its last address, or <name>@<default domain>.",
  examples: ["wmctl resource enable room-101", "wmctl resource enable room-101 --email room-101@example.com"],
  args: [{ name: "resource", describe: "name, email or id" }],
  options: {
    email: { kind: "string", placeholder: "address", describe: "Primary address to enable the resource with" },
  },
  output: resourceRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const r = await enableEntity(ctx, "RESOURCE", opts.resource, opts.email, opts.dryRun);
    if (opts.dryRun) return;
    const api = await ctx.backend();
    ctx.out.record(resourceView(await api.describeResource({ OrganizationId: await ctx.org(), ResourceId: r.id })));
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { DEFAULT_PROFILE } from "../../context/profile.js";

export const configProfilesCommand = defineCommand({
  name: "profiles",
  summary: "List the profiles",
  examples: ["wmctl config profiles"],
  output: {
    fields: ["name", "current", "backend", "region", "endpointUrl", "awsProfile", "organizationId"],
    columns: ["name", "current", "backend", "region", "organizationId"],
    list: true,
  },
  async run(ctx) {
    const file = ctx.config.read();
    const names = Object.keys(file.profiles);
    if (!names.includes(DEFAULT_PROFILE) && file.currentProfile === DEFAULT_PROFILE) names.unshift(DEFAULT_PROFILE);
    for (const name of names) {
      const p = file.profiles[name] ?? {};
      ctx.out.row({
        name,
        current: name === file.currentProfile,
        backend: p.backend ?? (p.endpointUrl ? "aws" : "local"),
        region: p.region,
        endpointUrl: p.endpointUrl,
        awsProfile: p.awsProfile,
        organizationId: p.organizationId,
      });
    }
  },
});

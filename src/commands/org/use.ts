import { defineCommand } from "../../cli/define-command.js";

export const orgUseCommand = defineCommand({
  name: "use",
  summary: "Set the profile's default organization",
  examples: ["wmctl org use acme", "wmctl --profile prod org use m-0123456789abcdef0123456789abcdef"],
  args: [{ name: "org", describe: "alias or id" }],
  async run(ctx, opts) {
    const org = await ctx.resolveOrg(opts.org);
    const api = await ctx.backend();
    const d = await api.describeOrganization({ OrganizationId: org.id });
    await ctx.config.setProfile(ctx.settings.profileName, { organizationId: org.id });
    ctx.out.status(`Default organization of profile ${ctx.settings.profileName}: ${d.Alias ?? org.id} (${org.id})`);
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { orgRecordOutput, orgView } from "./view.js";

export const orgDescribeCommand = defineCommand({
  name: "describe",
  aliases: ["show"],
  summary: "Show an organization's details",
  examples: [
    "wmctl org describe",
    "wmctl org describe acme --fields id",
    "wmctl org describe m-0123456789abcdef0123456789abcdef -o json",
  ],
  args: [{ name: "org", describe: "alias or id (default: --org or the profile's organization)", required: false }],
  output: orgRecordOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const id = opts.org === undefined ? await ctx.org() : (await ctx.resolveOrg(opts.org)).id;
    ctx.out.record(orgView(await api.describeOrganization({ OrganizationId: id })));
  },
});

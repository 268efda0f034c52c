import { defineCommand } from "../../cli/define-command.js";
import { paginate } from "../../backend/paginate.js";
import { orgListOutput, orgSummaryView } from "./view.js";

export const orgListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List organizations",
  examples: ["wmctl org list", "wmctl org list --state Active -o json"],
  options: {
    state: { kind: "enum", choices: ["Creating", "Active", "Deleting", "Deleted", "Failed", "Impaired", "Inactive", "Requested", "Validating"], describe: "Only organizations in this state" },
  },
  output: orgListOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    for await (const o of paginate((t) => api.listOrganizations({ NextToken: t }), "OrganizationSummaries")) {
      if (opts.state === undefined || o.State === opts.state) ctx.out.row(orgSummaryView(o));
    }
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { mapOrdered } from "../../backend/map-ordered.js";
import { filterItems, paginate } from "../../backend/paginate.js";
import { ORG_DETAIL_FIELDS, orgListOutput, orgSummaryView, orgView } from "./view.js";

export const orgListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List organizations",
  examples: ["wmctl org list", "wmctl org list --state Active -o json"],
  options: {
    state: {
      kind: "enum",
      choices: [
        "Creating",
        "Active",
        "Deleting",
        "Deleted",
        "Failed",
        "Impaired",
        "Inactive",
        "Requested",
        "Validating",
      ],
      describe: "Only organizations in this state",
    },
  },
  output: orgListOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const orgs = filterItems(
      paginate((t) => api.listOrganizations({ NextToken: t }), "OrganizationSummaries"),
      (o) => opts.state === undefined || o.State === opts.state,
    );
    if (!ctx.out.wants(ORG_DETAIL_FIELDS)) {
      for await (const o of orgs) ctx.out.row(orgSummaryView(o));
      return;
    }
    // Directory, ARN and interoperability are not in the listing: DescribeOrganization per organization.
    for await (const view of mapOrdered(orgs, async (o) =>
      orgView(await api.describeOrganization({ OrganizationId: o.OrganizationId as string })),
    ))
      ctx.out.row(view);
  },
});

import type { ListGroupsFilters } from "@aws-sdk/client-workmail";
import { defineCommand } from "../../cli/define-command.js";
import { mapOrdered } from "../../backend/map-ordered.js";
import { filterItems, paginate } from "../../backend/paginate.js";
import { groupListOutput, groupSummaryView, groupView, type GroupView } from "./view.js";

export const groupListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List groups, or the groups a user or group belongs to",
  description:
    "Prefixes are case-sensitive, as in the console. The service takes one filter per request:\n" +
    "wmctl sends the first of --prefix, --email-prefix, --state and applies the others itself.",
  examples: [
    "wmctl group list",
    "wmctl group list --prefix eng --state ENABLED",
    "wmctl group list --with-member alice@example.com",
    "wmctl group list -o json | jq -r '.[].email'",
  ],
  options: {
    prefix: { kind: "string", describe: "Only groups whose name starts with this" },
    emailPrefix: {
      kind: "string",
      placeholder: "prefix",
      describe: "Only groups whose primary address starts with this",
    },
    state: { kind: "enum", choices: ["ENABLED", "DISABLED", "DELETED"], describe: "Only groups in this state" },
    withMember: {
      kind: "string",
      placeholder: "user|group",
      describe: "Only groups this user or group is a direct member of (ListGroupsForEntity)",
    },
  },
  output: groupListOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const keep = (g: GroupView) =>
      (opts.prefix === undefined || (g.name ?? "").startsWith(opts.prefix)) &&
      (opts.emailPrefix === undefined || (g.email ?? "").startsWith(opts.emailPrefix)) &&
      (opts.state === undefined || g.state === opts.state);

    if (opts.withMember !== undefined) {
      const member = await ctx.resolve.entity(opts.withMember, ["USER", "GROUP"]);
      const groups = paginate(
        (t) =>
          api.listGroupsForEntity({
            OrganizationId: org,
            EntityId: member.id,
            ...(opts.prefix ? { Filters: { GroupNamePrefix: opts.prefix } } : {}),
            ...(t ? { NextToken: t } : {}),
          }),
        "Groups",
      );
      for await (const g of groups) {
        if (g.GroupId === undefined) continue;
        const view = groupView(await api.describeGroup({ OrganizationId: org, GroupId: g.GroupId }));
        if (keep(view)) ctx.out.row(view);
      }
      return;
    }

    // One filter goes to the service (it refuses more); the rest are applied here.
    const filter: ListGroupsFilters | undefined =
      opts.prefix !== undefined
        ? { NamePrefix: opts.prefix }
        : opts.emailPrefix !== undefined
          ? { PrimaryEmailPrefix: opts.emailPrefix }
          : opts.state !== undefined
            ? { State: opts.state }
            : undefined;
    const groups = paginate(
      (t) =>
        api.listGroups({ OrganizationId: org, ...(filter ? { Filters: filter } : {}), ...(t ? { NextToken: t } : {}) }),
      "Groups",
    );
    const kept = filterItems(groups, (g) => keep(groupSummaryView(g)));
    if (!ctx.out.wants(["hiddenFromGlobalAddressList"])) {
      for await (const g of kept) ctx.out.row(groupSummaryView(g));
      return;
    }
    // Address book visibility is not in the listing: DescribeGroup per group.
    for await (const view of mapOrdered(kept, async (g) =>
      groupView(await api.describeGroup({ OrganizationId: org, GroupId: g.Id as string })),
    ))
      ctx.out.row(view);
  },
});

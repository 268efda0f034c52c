import type { ListUsersFilters, User } from "@aws-sdk/client-workmail";
import { mapOrdered } from "../../backend/map-ordered.js";
import { filterItems, paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { defineCommand } from "../../cli/define-command.js";
import { describedUserView, USER_DETAIL_FIELDS } from "./describe.js";
import { userListOutput, userSummaryView } from "./view.js";

export const userListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List users in an organization",
  description:
    "Streams every user, page by page. Prefix filters are case-sensitive, as in the console. The API takes\n" +
    "one filter per request: wmctl sends the first of --prefix, --email-prefix, --display-name-prefix and\n" +
    "--state to the service and applies the others itself. Deleted users are left out unless --state\n" +
    "DELETED or --all is given. Fields the listing lacks (job title, department, aliases, groups ...) are\n" +
    "fetched per user (DescribeUser, 8 at a time) when --fields names them.",
  examples: [
    "wmctl user list",
    "wmctl user list --state ENABLED --prefix j",
    "wmctl user list --email-prefix sales -o json | jq -r '.[].email'",
    "wmctl user list -o ndjson --fields id,name,email",
    "wmctl user list --fields name,jobTitle,department,groups -o csv > staff.csv",
    "wmctl user list --group sales --fields name,email",
  ],
  options: {
    state: { kind: "enum", choices: ["ENABLED", "DISABLED", "DELETED"], describe: "Only users in this state" },
    prefix: { kind: "string", placeholder: "text", describe: "Only users whose name starts with this" },
    displayNamePrefix: {
      kind: "string",
      placeholder: "text",
      describe: "Only users whose display name starts with this",
    },
    emailPrefix: {
      kind: "string",
      placeholder: "text",
      describe: "Only users whose primary email address starts with this",
    },
    all: { kind: "boolean", describe: "Include deleted users" },
    group: {
      kind: "string",
      placeholder: "group",
      describe: "Only members of this group (name, email or id), through nested groups too",
    },
  },
  output: userListOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const orgId = await ctx.org();
    const local: Array<(u: User) => boolean> = [];
    let server: ListUsersFilters | undefined;
    const filter = (key: keyof ListUsersFilters, value: string | undefined, test: (u: User) => boolean) => {
      if (value === undefined || value === "") return;
      if (server === undefined) server = { [key]: value };
      else local.push(test);
    };
    filter("UsernamePrefix", opts.prefix, (u) => (u.Name ?? "").startsWith(opts.prefix ?? ""));
    filter("PrimaryEmailPrefix", opts.emailPrefix, (u) => (u.Email ?? "").startsWith(opts.emailPrefix ?? ""));
    filter("DisplayNamePrefix", opts.displayNamePrefix, (u) =>
      (u.DisplayName ?? "").startsWith(opts.displayNamePrefix ?? ""),
    );
    filter("State", opts.state, (u) => u.State === opts.state);
    if (opts.state === undefined && !opts.all) local.push((u) => u.State !== "DELETED");
    if (opts.group !== undefined) {
      const members = await usersIn(api, orgId, (await ctx.resolve.group(opts.group)).id);
      local.push((u) => members.has(u.Id ?? ""));
    }
    const pages = paginate(
      (t) =>
        api.listUsers({ OrganizationId: orgId, NextToken: t, ...(server === undefined ? {} : { Filters: server }) }),
      "Users",
    );
    const kept = filterItems(pages, (u) => local.every((keep) => keep(u)));
    if (!ctx.out.wants(USER_DETAIL_FIELDS)) {
      for await (const u of kept) ctx.out.row(userSummaryView(u));
      return;
    }
    // Fields ListUsers lacks (job title, aliases, groups ...): DescribeUser per user, 8 at a time, in order.
    const links = ctx.out.wants(["aliases", "groups"]);
    for await (const view of mapOrdered(kept, (u) => describedUserView(api, orgId, u.Id as string, { links })))
      ctx.out.row(view);
  },
});

/** The ids of the users in a group, through nested groups (each group walked once). */
async function usersIn(api: WorkMailApi, orgId: string, groupId: string): Promise<Set<string>> {
  const users = new Set<string>();
  const seen = new Set<string>([groupId]);
  const queue = [groupId];
  for (let g = queue.shift(); g !== undefined; g = queue.shift()) {
    for await (const m of paginate(
      (t) => api.listGroupMembers({ OrganizationId: orgId, GroupId: g, NextToken: t }),
      "Members",
    )) {
      if (m.Id === undefined) continue;
      if (m.Type === "USER") users.add(m.Id);
      else if (m.Type === "GROUP" && !seen.has(m.Id)) {
        seen.add(m.Id);
        queue.push(m.Id);
      }
    }
  }
  return users;
}

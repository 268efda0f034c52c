import { collect, paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { defineCommand } from "../../cli/define-command.js";
import { serviceErrorName } from "../../errors/with-hint.js";
import { aliasesOf } from "../alias/addresses.js";
import { USER_FIELDS, userRecordOutput, userSummaryView, userView, type UserView } from "./view.js";

export const userDescribeCommand = defineCommand({
  name: "describe",
  aliases: ["show"],
  summary: "Show a user's details, aliases and groups",
  examples: [
    "wmctl user describe bob",
    "wmctl user describe bob@example.com -o json",
    "wmctl user describe bob --fields email,aliases",
  ],
  args: [{ name: "user", describe: "name, email address or id" }],
  output: userRecordOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const orgId = await ctx.org();
    const user = await ctx.resolve.user(opts.user);
    ctx.out.record(await describedUserView(api, orgId, user.id));
  },
});

/** The fields `user list` gets only from DescribeUser, ListAliases and ListGroupsForEntity. */
export const USER_DETAIL_FIELDS: readonly string[] = USER_FIELDS.filter((f) => !(f in userSummaryView({})));

/**
 * A user's full view: DescribeUser, then (for a user that is not deleted: it has none) its aliases
 * and groups, fetched together; `links: false` skips those two when they will not be shown.
 */
export async function describedUserView(
  api: WorkMailApi,
  orgId: string,
  userId: string,
  options: { links?: boolean } = {},
): Promise<UserView> {
  const u = await api.describeUser({ OrganizationId: orgId, UserId: userId });
  if (u.State === "DELETED" || options.links === false) return userView(u);
  const [aliases, groups] = await Promise.all([aliasesOf(api, orgId, userId), groupNamesOf(api, orgId, userId)]);
  return userView(u, { aliases, groups });
}

/** The groups an entity is a direct member of (undefined where the backend cannot tell). */
export async function groupNamesOf(api: WorkMailApi, orgId: string, entityId: string): Promise<string[] | undefined> {
  try {
    const groups = await collect(
      paginate((t) => api.listGroupsForEntity({ OrganizationId: orgId, EntityId: entityId, NextToken: t }), "Groups"),
    );
    return groups.map((g) => g.GroupName ?? g.GroupId ?? "").sort();
  } catch (e) {
    // A simulator without groups yet (or an interop organization) cannot say: leave the field out.
    if (serviceErrorName(e) === "UnsupportedOperationException") return undefined;
    throw e;
  }
}

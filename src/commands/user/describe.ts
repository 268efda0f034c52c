import { collect, paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { defineCommand } from "../../cli/define-command.js";
import { serviceErrorName } from "../../errors/with-hint.js";
import { aliasesOf } from "../alias/addresses.js";
import { userRecordOutput, userView } from "./view.js";

export const userDescribeCommand = defineCommand({
  name: "describe",
  aliases: ["show"],
  summary: "Show a user's details, aliases and groups",
  examples: ["wmctl user describe bob", "wmctl user describe bob@example.com -o json", "wmctl user describe bob --fields email,aliases"],
  args: [{ name: "user", describe: "name, email address or id" }],
  output: userRecordOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const orgId = await ctx.org();
    const user = await ctx.resolve.user(opts.user);
    const u = await api.describeUser({ OrganizationId: orgId, UserId: user.id });
    const live = u.State !== "DELETED";
    ctx.out.record(
      userView(u, {
        aliases: live ? await aliasesOf(api, orgId, user.id) : undefined,
        groups: live ? await groupNamesOf(api, orgId, user.id) : undefined,
      }),
    );
  },
});

/** The groups an entity is a direct member of (undefined where the backend cannot tell). */
export async function groupNamesOf(api: WorkMailApi, orgId: string, entityId: string): Promise<string[] | undefined> {
  try {
    const groups = await collect(paginate((t) => api.listGroupsForEntity({ OrganizationId: orgId, EntityId: entityId, NextToken: t }), "Groups"));
    return groups.map((g) => g.GroupName ?? g.GroupId ?? "").sort();
  } catch (e) {
    // A simulator without groups yet (or an interop organization) cannot say: leave the field out.
    if (serviceErrorName(e) === "UnsupportedOperationException") return undefined;
    throw e;
  }
}

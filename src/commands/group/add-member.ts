import { collect, paginate } from "../../backend/paginate.js";
import { defineCommand } from "../../cli/define-command.js";
import type { ResolvedEntity } from "../../context/entity-resolver.js";
import { withHints } from "../../errors/with-hint.js";
import { shellQuote } from "../../output/shell-quote.js";

export const groupAddMemberCommand = defineCommand({
  name: "add-member",
  summary: "Add users or groups to a group",
  description:
    "Adding a member twice changes nothing. A group cannot contain itself, directly or through nested groups.",
  examples: [
    "wmctl group add-member sales alice bob@example.com",
    "wmctl group add-member all-staff sales engineering",
  ],
  args: [
    { name: "group", describe: "name, email or id" },
    { name: "members", describe: "users or groups: names, emails or ids", variadic: true },
  ],
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const g = await ctx.resolve.group(opts.group);
    const members: ResolvedEntity[] = [];
    for (const ref of opts.members) members.push(await ctx.resolve.entity(ref, ["USER", "GROUP"]));
    const current = new Set(
      (
        await collect(
          paginate((t) => api.listGroupMembers({ OrganizationId: org, GroupId: g.id, NextToken: t }), "Members"),
        )
      ).map((m) => m.Id),
    );
    for (const m of members) {
      if (current.has(m.id)) {
        ctx.out.status(`${m.type === "GROUP" ? "Group" : "User"} ${m.name} is already a member of ${g.name}`);
        continue;
      }
      if (opts.dryRun) {
        ctx.out.plan({ action: "AssociateMemberToGroup", target: g.name, details: { member: m.name, type: m.type } });
        continue;
      }
      const cycleHint: Record<string, string> =
        m.type === "GROUP" && m.id !== g.id
          ? {
              InvalidParameterException: `see where ${g.name} sits inside ${m.name}: wmctl group members ${shellQuote(m.name)} --recursive`,
            }
          : {};
      await withHints(api.associateMemberToGroup({ OrganizationId: org, GroupId: g.id, MemberId: m.id }), cycleHint);
      ctx.out.status(`Added ${m.type === "GROUP" ? "group" : "user"} ${m.name} to ${g.name}`);
    }
  },
});

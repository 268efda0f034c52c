import { defineCommand } from "../../cli/define-command.js";
import type { ResolvedEntity } from "../../context/entity-resolver.js";
import { withHints } from "../../errors/with-hint.js";
import { shellQuote } from "../../output/shell-quote.js";

export const groupRemoveMemberCommand = defineCommand({
  name: "remove-member",
  summary: "Remove users or groups from a group",
  examples: ["wmctl group remove-member sales alice", "wmctl group remove-member all-staff contractors --dry-run"],
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
    for (const m of members) {
      if (opts.dryRun) {
        ctx.out.plan({
          action: "DisassociateMemberFromGroup",
          target: g.name,
          details: { member: m.name, type: m.type },
        });
        continue;
      }
      await withHints(api.disassociateMemberFromGroup({ OrganizationId: org, GroupId: g.id, MemberId: m.id }), {
        EntityNotFoundException: `see its members: wmctl group members ${shellQuote(g.name)}`,
      });
      ctx.out.status(`Removed ${m.type === "GROUP" ? "group" : "user"} ${m.name} from ${g.name}`);
    }
  },
});

import { defineCommand } from "../../cli/define-command.js";
import type { ResolvedEntity } from "../../context/entity-resolver.js";

export const resourceAddDelegateCommand = defineCommand({
  name: "add-delegate",
  summary: "Add users or groups as delegates who answer a resource's booking requests",
  description: "Delegates get a copy of every booking request and full access to the resource's calendar.",
  examples: [
    "wmctl resource add-delegate room-101 alice",
    "wmctl resource add-delegate van-1 facilities bob@example.com",
  ],
  args: [
    { name: "resource", describe: "name, email or id" },
    { name: "delegates", describe: "users or groups: names, emails or ids", variadic: true },
  ],
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const r = await ctx.resolve.resource(opts.resource);
    const delegates: ResolvedEntity[] = [];
    for (const ref of opts.delegates) delegates.push(await ctx.resolve.entity(ref, ["USER", "GROUP"]));
    for (const d of delegates) {
      if (opts.dryRun) {
        ctx.out.plan({
          action: "AssociateDelegateToResource",
          target: r.name,
          details: { delegate: d.name, type: d.type },
        });
        continue;
      }
      await api.associateDelegateToResource({ OrganizationId: org, ResourceId: r.id, EntityId: d.id });
      ctx.out.status(`Added ${d.type === "GROUP" ? "group" : "user"} ${d.name} as a delegate of ${r.name}`);
    }
  },
});

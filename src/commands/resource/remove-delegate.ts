import { defineCommand } from "../../cli/define-command.js";
import type { ResolvedEntity } from "../../context/entity-resolver.js";
import { withHints } from "../../errors/with-hint.js";
import { shellQuote } from "../../output/shell-quote.js";

export const resourceRemoveDelegateCommand = defineCommand({
  name: "remove-delegate",
  summary: "Remove delegates from a resource",
  description:
    "wmctl warns when this leaves a resource that does not accept requests automatically without any delegate.",
  examples: ["wmctl resource remove-delegate room-101 alice"],
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
          action: "DisassociateDelegateFromResource",
          target: r.name,
          details: { delegate: d.name, type: d.type },
        });
        continue;
      }
      await withHints(api.disassociateDelegateFromResource({ OrganizationId: org, ResourceId: r.id, EntityId: d.id }), {
        EntityNotFoundException: `see its delegates: wmctl resource delegates ${shellQuote(r.name)}`,
      });
      ctx.out.status(`Removed ${d.name} from the delegates of ${r.name}`);
    }
    if (opts.dryRun) return;
    const left = await api.listResourceDelegates({ OrganizationId: org, ResourceId: r.id, MaxResults: 1 });
    if ((left.Delegates ?? []).length === 0) {
      const d = await api.describeResource({ OrganizationId: org, ResourceId: r.id });
      if (d.BookingOptions?.AutoAcceptRequests === false) {
        ctx.out.warn(
          `${r.name} has no delegate left and does not accept requests automatically: nobody will answer its booking requests. ` +
            `Fix: wmctl resource update ${shellQuote(r.name)} --auto-accept, or add a delegate`,
        );
      }
    }
  },
});

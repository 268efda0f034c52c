import { paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { defineCommand } from "../../cli/define-command.js";
import type { CommandContext } from "../../context/context.js";
import { serviceErrorName } from "../../errors/with-hint.js";
import { aliasesOf } from "./addresses.js";
import { aliasListOutput } from "./view.js";

interface Owner {
  readonly id: string;
  readonly name: string;
  readonly type: "USER" | "GROUP" | "RESOURCE";
  readonly email: string | undefined;
}

export const aliasListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List the aliases of an entity, or every alias of the organization with its owner",
  description:
    "With an entity: its aliases (ListAliases). Without: every user's, group's and resource's aliases,\n" +
    "streamed entity by entity (one ListAliases call per entity that has a primary address).",
  examples: [
    "wmctl alias list bob",
    "wmctl alias list",
    "wmctl alias list -o json | jq -r '.[] | [.alias, .entity] | @tsv'",
  ],
  args: [
    { name: "entity", describe: "user, group or resource: name, email address or id (default: all)", required: false },
  ],
  output: aliasListOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const orgId = await ctx.org();
    if (opts.entity !== undefined) {
      const e = await ctx.resolve.entity(opts.entity);
      if (e.state === "DELETED") return; // a deleted entity's addresses are gone
      await printAliases(ctx, api, orgId, { id: e.id, name: e.name, type: e.type, email: e.email });
      return;
    }
    for await (const u of paginate((t) => api.listUsers({ OrganizationId: orgId, NextToken: t }), "Users")) {
      if (u.Id !== undefined && u.Email)
        await printAliases(ctx, api, orgId, { id: u.Id, name: u.Name ?? u.Id, type: "USER", email: u.Email });
    }
    await unlessUnsupported(ctx, async () => {
      for await (const g of paginate((t) => api.listGroups({ OrganizationId: orgId, NextToken: t }), "Groups")) {
        if (g.Id !== undefined && g.Email)
          await printAliases(ctx, api, orgId, { id: g.Id, name: g.Name ?? g.Id, type: "GROUP", email: g.Email });
      }
    });
    await unlessUnsupported(ctx, async () => {
      for await (const r of paginate((t) => api.listResources({ OrganizationId: orgId, NextToken: t }), "Resources")) {
        if (r.Id !== undefined && r.Email)
          await printAliases(ctx, api, orgId, { id: r.Id, name: r.Name ?? r.Id, type: "RESOURCE", email: r.Email });
      }
    });
  },
});

/** A backend that cannot list groups or resources (a simulator without them) leaves them out, with a warning. */
async function unlessUnsupported(ctx: CommandContext, list: () => Promise<void>): Promise<void> {
  try {
    await list();
  } catch (e) {
    if (serviceErrorName(e) !== "UnsupportedOperationException") throw e;
    ctx.out.warn(`${(e as Error).message.split("\n")[0] ?? ""} (left out)`);
  }
}

async function printAliases(ctx: CommandContext, api: WorkMailApi, orgId: string, owner: Owner): Promise<void> {
  for (const alias of await aliasesOf(api, orgId, owner.id)) {
    ctx.out.row({ alias, entity: owner.name, entityId: owner.id, type: owner.type, primaryEmail: owner.email });
  }
}

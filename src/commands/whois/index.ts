import type { WorkMailApi } from "../../backend/workmail-api.js";
import { defineCommand } from "../../cli/define-command.js";
import type { CommandContext } from "../../context/context.js";
import type { EntityKind, ResolvedEntity } from "../../context/entity-resolver.js";
import { NotFoundError } from "../../errors/cli-error.js";
import { serviceErrorName } from "../../errors/with-hint.js";
import { aliasesOf } from "../alias/addresses.js";
import { NOUNS } from "../nouns.js";

export interface WhoisView {
  type: EntityKind;
  id: string;
  name: string;
  email: string | undefined;
  state: string | undefined;
  aliases: string[] | undefined;
  /** How the query matched: id, name, primaryEmail or alias. */
  matched: "id" | "name" | "primaryEmail" | "alias";
}

export const whoisCommand = defineCommand({
  ...NOUNS.whois,
  description:
    "An address is looked up with DescribeEntity (primary addresses and aliases of every user, group and\n" +
    "resource); a name or id with DescribeUser, DescribeGroup and DescribeResource. Exit 5 when nobody has it.",
  examples: [
    "wmctl whois sales@example.com",
    "wmctl whois bob",
    "wmctl whois 4f1c2b7e-1d2a-4c1b-9a7e-0123456789ab -o json",
  ],
  args: [{ name: "query", describe: "email address, name or id" }],
  output: {
    fields: ["type", "id", "name", "email", "state", "aliases", "matched"],
    columns: ["type", "id", "name", "email", "state", "aliases", "matched"],
  },
  async run(ctx, opts) {
    const api = await ctx.backend();
    const orgId = await ctx.org();
    const query = opts.query.trim();
    const found = query.includes("@") ? await byAddress(ctx, api, orgId, query) : await byNameOrId(ctx, query);
    const { entity, matched } = found;
    const aliases = entity.state === "DELETED" ? undefined : await aliasesOf(api, orgId, entity.id);
    const view: WhoisView = {
      type: entity.type,
      id: entity.id,
      name: entity.name,
      email: entity.email,
      state: entity.state,
      aliases,
      matched,
    };
    ctx.out.record(view);
  },
});

async function byAddress(
  ctx: CommandContext,
  api: WorkMailApi,
  orgId: string,
  address: string,
): Promise<{ entity: ResolvedEntity; matched: WhoisView["matched"] }> {
  let entityId: string | undefined;
  let type: EntityKind | undefined;
  try {
    const e = await api.describeEntity({ OrganizationId: orgId, Email: address });
    entityId = e.EntityId;
    type = e.Type as EntityKind | undefined;
  } catch (e) {
    const name = serviceErrorName(e);
    if (name !== "EntityNotFoundException" && name !== "ValidationException") throw e;
  }
  if (entityId === undefined || type === undefined) {
    throw new NotFoundError(
      `no user, group or resource has the address ${address} in organization ${(await ctx.orgRef()).alias ?? orgId}`,
      "list addresses with `wmctl user list` and `wmctl alias list`",
    );
  }
  const entity = await ctx.resolve.entity(entityId, [type]);
  return { entity, matched: entity.email?.toLowerCase() === address.toLowerCase() ? "primaryEmail" : "alias" };
}

async function byNameOrId(
  ctx: CommandContext,
  query: string,
): Promise<{ entity: ResolvedEntity; matched: WhoisView["matched"] }> {
  try {
    const entity = await ctx.resolve.entity(query);
    return { entity, matched: entity.id === query ? "id" : "name" };
  } catch (e) {
    // The resolver's own hint ("look it up with `wmctl whois`") would send the admin back here.
    if (!(e instanceof NotFoundError)) throw e;
    const org = await ctx.orgRef();
    throw new NotFoundError(
      `no user, group or resource has the name or id "${query}" in organization ${org.alias ?? org.id}`,
      "list them with `wmctl user list`, `wmctl group list` and `wmctl resource list`",
    );
  }
}

import { defineCommand } from "../../cli/define-command.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { NotFoundError, UsageError } from "../../errors/cli-error.js";
import { serviceErrorName } from "../../errors/with-hint.js";
import { shellQuote } from "../../output/shell-quote.js";
import { aliasesOf, domainOf, qualifyAddress } from "./addresses.js";
import { aliasChangeOutput, nounOf } from "./view.js";

export const aliasRemoveCommand = defineCommand({
  name: "remove",
  aliases: ["rm", "delete"],
  summary: "Remove email aliases from a user, group or resource",
  description:
    "Mail to a removed alias bounces. Every alias is checked before anything changes: the primary address\n" +
    "cannot be removed (make another address primary first), and an address the entity does not have is an\n" +
    "error (exit 5). Asks for confirmation (--yes skips it).",
  examples: [
    "wmctl alias remove bob bobby@example.com",
    "wmctl alias remove bob bobby --yes",
    "wmctl alias remove sales old-sales@example.com --dry-run",
  ],
  args: [
    { name: "entity", describe: "user, group or resource: name, email address or id" },
    { name: "aliases", describe: "addresses (or local parts) to remove", variadic: true },
  ],
  output: aliasChangeOutput,
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const orgId = await ctx.org();
    const entity = await ctx.resolve.entity(opts.entity);
    const domain = entity.email === undefined ? undefined : domainOf(entity.email);
    const wanted = [...new Set(opts.aliases.map((a) => qualifyAddress(a, domain)))];
    const have = entity.state === "DELETED" ? [] : await aliasesOf(api, orgId, entity.id);
    for (const alias of wanted) {
      if (alias === entity.email?.toLowerCase()) {
        throw new UsageError(
          `${alias} is the primary address of ${entity.name}, not an alias`,
          `make another address primary first: wmctl ${nounOf(entity.type)} update ${shellQuote(entity.name)} --email OTHER`,
        );
      }
      if (!have.includes(alias)) {
        const owner = await ownerOf(api, orgId, alias);
        throw new NotFoundError(
          `${alias} is not an alias of ${entity.name}${owner === undefined ? "" : ` (it belongs to ${owner})`}`,
          `see its aliases: wmctl alias list ${shellQuote(entity.name)}`,
        );
      }
    }
    if (opts.dryRun) {
      for (const alias of wanted) ctx.out.plan({ action: "DeleteAlias", target: entity.name, details: { alias } });
      return;
    }
    await ctx.confirm(
      `Remove ${wanted.length === 1 ? `alias ${wanted[0]}` : `${wanted.length} aliases (${wanted.join(", ")})`} from ${entity.name} (mail to ${wanted.length === 1 ? "it" : "them"} will bounce)?`,
    );
    for (const alias of wanted) {
      await api.deleteAlias({ OrganizationId: orgId, EntityId: entity.id, Alias: alias });
      ctx.out.status(`Removed alias ${alias} from ${entity.name}`);
      ctx.out.row({
        alias,
        entity: entity.name,
        entityId: entity.id,
        type: entity.type,
        primaryEmail: entity.email,
        result: "removed",
      });
    }
  },
});

async function ownerOf(api: WorkMailApi, orgId: string, address: string): Promise<string | undefined> {
  try {
    const e = await api.describeEntity({ OrganizationId: orgId, Email: address });
    return e.Name === undefined ? undefined : `${nounOf(e.Type ?? "USER")} ${e.Name}`;
  } catch (e) {
    if (serviceErrorName(e) === "EntityNotFoundException" || serviceErrorName(e) === "ValidationException")
      return undefined;
    throw e;
  }
}

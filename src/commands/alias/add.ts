import { defineCommand } from "../../cli/define-command.js";
import { withHints } from "../../errors/with-hint.js";
import { shellQuote } from "../../output/shell-quote.js";
import { addressHints, aliasesOf, domainOf, qualifyAddress } from "./addresses.js";
import { aliasChangeOutput, nounOf, type AliasView } from "./view.js";
import { validateRequest } from "../../backend/validate-request.js";

export const aliasAddCommand = defineCommand({
  name: "add",
  aliases: ["create"],
  summary: "Add email aliases to a user, group or resource",
  description:
    "Each alias is a full address on one of the organization's verified domains, or a local part that gets\n" +
    "the domain of the entity's primary address. An address belongs to one user, group or resource of the\n" +
    "organization at most. Adding an alias the entity already has changes nothing.",
  examples: [
    "wmctl alias add bob bobby robert@example.com",
    "wmctl alias add sales sales-team@example.com",
    "wmctl alias add bob postmaster --dry-run",
  ],
  args: [
    { name: "entity", describe: "user, group or resource: name, email address or id" },
    { name: "aliases", describe: "addresses (or local parts) to add", variadic: true },
  ],
  output: aliasChangeOutput,
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const orgId = await ctx.org();
    const entity = await ctx.resolve.entity(opts.entity);
    const domain = entity.email === undefined ? undefined : domainOf(entity.email);
    const wanted = [...new Set(opts.aliases.map((a) => qualifyAddress(a, domain)))];
    const noun = nounOf(entity.type);
    const have = entity.state === "DELETED" ? [] : await aliasesOf(api, orgId, entity.id);
    // A plan is printed only for requests the service would take (validated all before the first line).
    if (opts.dryRun)
      for (const alias of wanted)
        await validateRequest("CreateAlias", { OrganizationId: orgId, EntityId: entity.id, Alias: alias });
    for (const alias of wanted) {
      const row: AliasView = {
        alias,
        entity: entity.name,
        entityId: entity.id,
        type: entity.type,
        primaryEmail: entity.email,
      };
      if (have.includes(alias) || alias === entity.email?.toLowerCase()) {
        ctx.out.info(
          `${alias} is already ${alias === entity.email?.toLowerCase() ? "the primary address" : "an alias"} of ${entity.name}`,
        );
        ctx.out.row({ ...row, result: "unchanged" });
        continue;
      }
      if (opts.dryRun) {
        ctx.out.plan({ action: "CreateAlias", target: entity.name, details: { alias } });
        continue;
      }
      await withHints(api.createAlias({ OrganizationId: orgId, EntityId: entity.id, Alias: alias }), {
        EntityStateException: `only an enabled ${noun} can get aliases: wmctl ${noun} enable ${shellQuote(entity.name)}`,
        ...addressHints(alias),
      });
      ctx.out.status(`Added alias ${alias} to ${entity.name}`);
      ctx.out.row({ ...row, result: "added" });
    }
  },
});

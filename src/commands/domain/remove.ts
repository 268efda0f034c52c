import { defineCommand } from "../../cli/define-command.js";
import { mapOrdered } from "../../backend/map-ordered.js";
import { paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { ConflictError, UsageError } from "../../errors/cli-error.js";
import { withHints } from "../../errors/with-hint.js";
import { aliasesOf } from "../alias/addresses.js";
import { domainArg } from "./view.js";

export const domainRemoveCommand = defineCommand({
  name: "remove",
  aliases: ["rm"],
  summary: "Remove a mail domain from the organization",
  description:
    "WorkMail stops receiving mail for the domain (DeregisterMailDomain); SES keeps the identity.\n" +
    "Users, groups and resources must not use the domain (addresses or aliases), and it must not be\n" +
    "the default domain. Do not remove a domain to refresh its identity policy: add it again instead.",
  examples: ["wmctl domain remove old.example.com", "wmctl domain remove old.example.com --yes"],
  args: [{ name: "domain", describe: "the domain" }],
  output: { fields: ["domain"], columns: ["domain"] },
  mutating: true,
  async run(ctx, opts) {
    const domain = domainArg(opts.domain);
    const org = await ctx.org();
    const api = await ctx.backend();
    // MailDomainNotFoundException (exit 5) before asking anything.
    const current = await api.getMailDomain({ OrganizationId: org, DomainName: domain });
    if (opts.dryRun) {
      // What the service would refuse, refused now with the code the real run exits with.
      if (domain.endsWith(".awsapps.com"))
        throw new UsageError(`${domain} is the organization's test domain, which cannot be removed`);
      if (current.IsDefault === true)
        throw new ConflictError(
          `${domain} is the default domain`,
          "make another domain the default first: wmctl domain set-default DOMAIN",
        );
      const used = await addressesOn(api, org, domain);
      if (used.length > 0) {
        throw new ConflictError(
          `${domain} is used by ${used.length === 1 ? "1 address" : `${used.length} addresses`} (${used.slice(0, 3).join(", ")}${used.length > 3 ? " ..." : ""})`,
          IN_USE_HINT(domain),
        );
      }
      ctx.out.plan({ action: "DeregisterMailDomain", target: domain, details: { organization: org } });
      return;
    }
    await ctx.confirm(`Remove the mail domain ${domain} (WorkMail stops receiving its mail)?`);
    await withHints(api.deregisterMailDomain({ OrganizationId: org, DomainName: domain }), {
      MailDomainInUseException: IN_USE_HINT(domain),
    });
    ctx.out.status(`Removed ${domain}`);
    ctx.out.record({ domain });
  },
});

const IN_USE_HINT = (domain: string) =>
  `make another domain the default (wmctl domain set-default), and move addresses and aliases off ${domain} (wmctl whois ADDRESS names who has one)`;

/** The primary addresses and aliases of users, groups and resources on `domain` (what DeregisterMailDomain refuses). */
async function addressesOn(api: WorkMailApi, org: string, domain: string): Promise<string[]> {
  const on = (a: string | undefined) => a !== undefined && a.toLowerCase().endsWith(`@${domain}`);
  async function* entities() {
    for await (const u of paginate((t) => api.listUsers({ OrganizationId: org, NextToken: t }), "Users"))
      yield { id: u.Id, email: u.Email, state: u.State };
    for await (const g of paginate((t) => api.listGroups({ OrganizationId: org, NextToken: t }), "Groups"))
      yield { id: g.Id, email: g.Email, state: g.State };
    for await (const r of paginate((t) => api.listResources({ OrganizationId: org, NextToken: t }), "Resources"))
      yield { id: r.Id, email: r.Email, state: r.State };
  }
  const found: string[] = [];
  const live = async function* () {
    for await (const e of entities())
      if (e.state !== "DELETED" && e.id !== undefined) yield { id: e.id, email: e.email };
  };
  for await (const addresses of mapOrdered(live(), async (e) => [
    e.email,
    ...(await aliasesOf(api, org, e.id).catch(() => [])),
  ])) {
    found.push(...addresses.filter((a): a is string => on(a)));
  }
  return found;
}

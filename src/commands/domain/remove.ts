import { defineCommand } from "../../cli/define-command.js";
import { withHints } from "../../errors/with-hint.js";
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
    await api.getMailDomain({ OrganizationId: org, DomainName: domain });
    if (opts.dryRun) {
      ctx.out.plan({ action: "DeregisterMailDomain", target: domain, details: { organization: org } });
      return;
    }
    await ctx.confirm(`Remove the mail domain ${domain} (WorkMail stops receiving its mail)?`);
    await withHints(api.deregisterMailDomain({ OrganizationId: org, DomainName: domain }), {
      MailDomainInUseException: `make another domain the default (wmctl domain set-default), and move addresses and aliases off ${domain} (wmctl whois ADDRESS names who has one)`,
    });
    ctx.out.status(`Removed ${domain}`);
    ctx.out.record({ domain });
  },
});

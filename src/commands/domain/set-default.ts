import { defineCommand } from "../../cli/define-command.js";
import { withHints } from "../../errors/with-hint.js";
import { domainArg, domainStatusOutput, domainView } from "./view.js";

export const domainSetDefaultCommand = defineCommand({
  name: "set-default",
  summary: "Make a verified domain the organization's default",
  description:
    "New users and groups get addresses in the default domain. Existing addresses do not change.\nOnly a verified domain can be the default (MailDomainStateException otherwise).",
  examples: ["wmctl domain set-default example.com"],
  args: [{ name: "domain", describe: "the domain" }],
  output: domainStatusOutput,
  mutating: true,
  async run(ctx, opts) {
    const domain = domainArg(opts.domain);
    const org = await ctx.org();
    if (opts.dryRun) {
      ctx.out.plan({ action: "UpdateDefaultMailDomain", target: domain, details: { organization: org } });
      return;
    }
    const api = await ctx.backend();
    await withHints(api.updateDefaultMailDomain({ OrganizationId: org, DomainName: domain }), {
      MailDomainStateException: `check what is missing: wmctl domain verify ${domain}`,
    });
    ctx.out.status(`${domain} is now the default domain`);
    ctx.out.record(domainView(domain, await api.getMailDomain({ OrganizationId: org, DomainName: domain }), false));
  },
});

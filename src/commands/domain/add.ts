import { randomUUID } from "node:crypto";
import { defineCommand } from "../../cli/define-command.js";
import { unlessServiceError } from "../../errors/with-hint.js";
import { domainArg, domainRecordOutput, domainView } from "./view.js";

export const domainAddCommand = defineCommand({
  name: "add",
  summary: "Add a mail domain to the organization (then publish its records)",
  description:
    "Registers the domain with WorkMail (RegisterMailDomain). WorkMail then asks for DNS records: an\n" +
    "ownership TXT record, MX, the AutoDiscover CNAME, three DKIM CNAMEs, SPF and DMARC. Publish them\n" +
    "with `wmctl domain apply` (Route 53) or copy them from `wmctl domain records`, then check with\n" +
    "`wmctl domain verify`. Adding a domain that is already there refreshes it (and restarts a failed\n" +
    "verification). Domain names are ASCII only; use the punycode form of an internationalized name.",
  examples: ["wmctl domain add example.com", "wmctl domain add example.com && wmctl domain apply example.com --wait"],
  args: [{ name: "domain", describe: "the domain, e.g. example.com" }],
  output: domainRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const domain = domainArg(opts.domain);
    const org = await ctx.org();
    if (opts.dryRun) {
      ctx.out.plan({ action: "RegisterMailDomain", target: domain, details: { organization: org } });
      return;
    }
    const api = await ctx.backend();
    const before = await unlessServiceError(
      api.getMailDomain({ OrganizationId: org, DomainName: domain }),
      "MailDomainNotFoundException",
    );
    await api.registerMailDomain({ OrganizationId: org, DomainName: domain, ClientToken: randomUUID() });
    const d = await api.getMailDomain({ OrganizationId: org, DomainName: domain });
    const verified = d.OwnershipVerificationStatus === "VERIFIED" && d.DkimVerificationStatus === "VERIFIED";
    if (before === undefined)
      ctx.out.status(`Added ${domain}; WorkMail asks for ${d.Records?.length ?? 0} DNS records`);
    else if (verified) ctx.out.status(`${domain} is already added and verified: nothing to do`);
    else
      ctx.out.status(
        `${domain} is already added (ownership ${d.OwnershipVerificationStatus ?? "unknown"}, DKIM ${d.DkimVerificationStatus ?? "unknown"}); verification restarted`,
      );
    if (!verified)
      ctx.out.info(
        `Next: wmctl domain apply ${domain} (Route 53), or wmctl domain records ${domain} --format zone; then wmctl domain verify ${domain}`,
      );
    ctx.out.record(domainView(domain, d));
  },
});

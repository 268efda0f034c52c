import { defineCommand } from "../../cli/define-command.js";
import { domainArg, domainRecordOutput, domainView } from "./view.js";

export const domainDescribeCommand = defineCommand({
  name: "describe",
  aliases: ["show"],
  summary: "Show a mail domain: default or not, verification statuses, records",
  examples: ["wmctl domain describe example.com", "wmctl domain describe example.com -o json | jq .records"],
  args: [{ name: "domain", describe: "the domain" }],
  output: domainRecordOutput,
  async run(ctx, opts) {
    const domain = domainArg(opts.domain);
    const api = await ctx.backend();
    ctx.out.record(
      domainView(domain, await api.getMailDomain({ OrganizationId: await ctx.org(), DomainName: domain })),
    );
  },
});

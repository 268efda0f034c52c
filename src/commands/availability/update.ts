import { defineCommand } from "../../cli/define-command.js";
import { paginate } from "../../backend/paginate.js";
import { availabilityRecordOutput, availabilityView, describeProvider, PROVIDER_HELP, PROVIDER_OPTIONS, providerFromFlags } from "./view.js";

export const availabilityUpdateCommand = defineCommand({
  name: "update",
  summary: "Replace a domain's availability provider (the EWS password must be given again)",
  description: PROVIDER_HELP,
  examples: [
    "wmctl availability update corp.example.com --ews-url https://mail2.corp.example.com/EWS/Exchange.asmx --ews-user svc@corp.example.com --password-file pw.txt",
  ],
  args: [{ name: "domain", describe: "the external domain" }],
  options: PROVIDER_OPTIONS,
  output: availabilityRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    if (opts.dryRun) {
      const planned = opts.lambdaArn !== undefined ? { provider: "LAMBDA", endpoint: opts.lambdaArn } : { provider: "EWS", endpoint: opts.ewsUrl, ewsUsername: opts.ewsUser };
      ctx.out.plan({ action: "UpdateAvailabilityConfiguration", target: opts.domain, details: planned });
      return;
    }
    const provider = await providerFromFlags(ctx, opts);
    const api = await ctx.backend();
    const org = await ctx.org();
    await api.updateAvailabilityConfiguration({ OrganizationId: org, DomainName: opts.domain, ...provider });
    ctx.out.status(`Updated the availability provider for ${opts.domain.toLowerCase()} (${describeProvider(provider).provider ?? ""})`);
    for await (const c of paginate((t) => api.listAvailabilityConfigurations({ OrganizationId: org, NextToken: t }), "AvailabilityConfigurations")) {
      if (c.DomainName === opts.domain.toLowerCase()) ctx.out.record(availabilityView(c));
    }
  },
});

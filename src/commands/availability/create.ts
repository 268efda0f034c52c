import { randomUUID } from "node:crypto";
import { defineCommand } from "../../cli/define-command.js";
import { availabilityRecordOutput, availabilityView, describeProvider, PROVIDER_HELP, PROVIDER_OPTIONS, providerFromFlags } from "./view.js";

export const availabilityCreateCommand = defineCommand({
  name: "create",
  summary: "Add an availability provider for an external domain (EWS or a Lambda CAP)",
  description: PROVIDER_HELP,
  examples: [
    "printf '%s' \"$EWS_PW\" | wmctl availability create corp.example.com --ews-url https://mail.corp.example.com/EWS/Exchange.asmx --ews-user svc@corp.example.com --password-stdin",
    "wmctl availability create gsuite.example.com --lambda-arn arn:aws:lambda:us-east-1:111122223333:function:cap",
  ],
  args: [{ name: "domain", describe: "the external domain whose free/busy WorkMail asks the provider for" }],
  options: PROVIDER_OPTIONS,
  output: availabilityRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    if (opts.dryRun) {
      const planned = opts.lambdaArn !== undefined ? { provider: "LAMBDA", endpoint: opts.lambdaArn } : { provider: "EWS", endpoint: opts.ewsUrl, ewsUsername: opts.ewsUser };
      ctx.out.plan({ action: "CreateAvailabilityConfiguration", target: opts.domain, details: planned });
      return;
    }
    const provider = await providerFromFlags(ctx, opts);
    const api = await ctx.backend();
    const org = await ctx.org();
    await api.createAvailabilityConfiguration({ OrganizationId: org, DomainName: opts.domain, ClientToken: randomUUID(), ...provider });
    ctx.out.status(`Added the ${describeProvider(provider).provider ?? ""} availability provider for ${opts.domain.toLowerCase()}`);
    const list = (await api.listAvailabilityConfigurations({ OrganizationId: org })).AvailabilityConfigurations ?? [];
    const saved = list.find((c) => c.DomainName === opts.domain.toLowerCase());
    if (saved !== undefined) ctx.out.record(availabilityView(saved));
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { paginate } from "../../backend/paginate.js";
import { ChecksFailedError, UsageError } from "../../errors/cli-error.js";
import { describeProvider, hasProviderFlags, PROVIDER_OPTIONS, providerFromFlags } from "./view.js";

export const availabilityTestCommand = defineCommand({
  name: "test",
  summary: "Test a saved availability provider, or one given by flags before saving it",
  description:
    "For EWS, WorkMail logs in to the EWS URL with the credentials; for Lambda, it checks the function can be\n" +
    "invoked and that anonymous invocation is denied. Exit code 3 when the test fails. (The local simulator\n" +
    "really calls the EWS URL; it cannot invoke Lambda and only checks the Region.)",
  examples: [
    "wmctl availability test corp.example.com",
    "printf '%s' \"$PW\" | wmctl availability test --ews-url https://mail.corp.example.com/EWS/Exchange.asmx --ews-user svc@corp.example.com --password-stdin",
  ],
  args: [{ name: "domain", describe: "a domain with a saved provider (or give the provider flags instead)", required: false }],
  options: PROVIDER_OPTIONS,
  output: { fields: ["domain", "provider", "endpoint", "passed", "failureReason"], columns: ["domain", "provider", "endpoint", "passed", "failureReason"] },
  async run(ctx, opts) {
    if ((opts.domain === undefined) === !hasProviderFlags(opts)) {
      throw new UsageError("give a domain with a saved provider, or the provider flags (--ews-url/--ews-user or --lambda-arn), not both");
    }
    const provider = opts.domain === undefined ? await providerFromFlags(ctx, opts) : undefined;
    const api = await ctx.backend();
    const org = await ctx.org();
    let saved: { provider?: string | undefined; endpoint?: string | undefined } = {};
    if (opts.domain !== undefined) {
      for await (const c of paginate((t) => api.listAvailabilityConfigurations({ OrganizationId: org, NextToken: t }), "AvailabilityConfigurations")) {
        if (c.DomainName === opts.domain.toLowerCase()) saved = { provider: c.ProviderType, endpoint: c.EwsProvider?.EwsEndpoint ?? c.LambdaProvider?.LambdaArn };
      }
    }
    const res = await api.testAvailabilityConfiguration({ OrganizationId: org, ...(opts.domain === undefined ? provider : { DomainName: opts.domain }) });
    ctx.out.record({
      domain: opts.domain?.toLowerCase(),
      ...(provider === undefined ? saved : describeProvider(provider)),
      passed: res.TestPassed === true,
      failureReason: res.FailureReason,
    });
    if (res.TestPassed !== true) throw new ChecksFailedError(`the availability provider test failed: ${res.FailureReason ?? "no reason given"}`);
  },
});

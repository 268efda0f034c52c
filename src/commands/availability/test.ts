import { defineCommand } from "../../cli/define-command.js";
import { ChecksFailedError, UsageError } from "../../errors/cli-error.js";
import {
  availabilityView,
  checkProviderFlags,
  findAvailability,
  hasProviderFlags,
  PROVIDER_OPTIONS,
  providerFromFlags,
} from "./view.js";

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
  args: [
    {
      name: "domain",
      describe: "a domain with a saved provider (or give the provider flags instead)",
      required: false,
    },
  ],
  options: PROVIDER_OPTIONS,
  output: {
    fields: ["domain", "provider", "endpoint", "passed", "failureReason"],
    columns: ["domain", "provider", "endpoint", "passed", "failureReason"],
  },
  async run(ctx, opts) {
    const given = hasProviderFlags(opts);
    if (opts.domain === undefined && !given)
      throw new UsageError(
        "give a domain with a saved provider, or the provider flags (--ews-url and --ews-user, or --lambda-arn)",
      );
    if (opts.domain !== undefined && given)
      throw new UsageError("give a domain with a saved provider or the provider flags, not both");
    const provider = opts.domain === undefined ? await providerFromFlags(ctx, opts) : undefined;
    const api = await ctx.backend();
    const org = await ctx.org();
    const saved = opts.domain === undefined ? undefined : await findAvailability(api, org, opts.domain);
    const res = await api.testAvailabilityConfiguration({
      OrganizationId: org,
      ...(opts.domain === undefined ? provider : { DomainName: opts.domain }),
    });
    const tested = opts.domain === undefined ? checkProviderFlags(opts) : availabilityView(saved ?? {});
    ctx.out.record({
      domain: opts.domain?.toLowerCase(),
      provider: tested.provider,
      endpoint: tested.endpoint,
      passed: res.TestPassed === true,
      failureReason: res.FailureReason,
    });
    if (res.TestPassed !== true)
      throw new ChecksFailedError(`the availability provider test failed: ${res.FailureReason ?? "no reason given"}`);
  },
});

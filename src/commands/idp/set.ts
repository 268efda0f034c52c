import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { INSTANCE_ARN } from "../identity-center/create.js";
import { idpOutput, idpView } from "./view.js";
import { validateRequest } from "../../backend/validate-request.js";

const MODES = { "idp-only": "IDENTITY_PROVIDER_ONLY", "idp-and-directory": "IDENTITY_PROVIDER_AND_DIRECTORY" } as const;

export const idpSetCommand = defineCommand({
  name: "set",
  aliases: ["put"],
  summary: "Sign mailbox users in through IAM Identity Center (and set personal access tokens)",
  description:
    "--mode idp-only: users sign in only through Identity Center; idp-and-directory: also with their\n" +
    "WorkMail directory password. --tokens active lets users create personal access tokens in the web app\n" +
    "for desktop and mobile clients, valid --token-lifetime-days days (1-3653).",
  examples: [
    "wmctl idp set --instance-arn arn:aws:sso:::instance/ssoins-1234567890abcdef --application-arn arn:aws:sso::111122223333:application/ssoins-1234567890abcdef/apl-abcdef0123456789 --mode idp-and-directory --tokens active --token-lifetime-days 90",
  ],
  options: {
    instanceArn: { kind: "string", required: true, placeholder: "arn", describe: "the Identity Center instance ARN" },
    applicationArn: {
      kind: "string",
      required: true,
      placeholder: "arn",
      describe: "the WorkMail application ARN (`wmctl identity-center create`)",
    },
    mode: {
      kind: "enum",
      choices: ["idp-only", "idp-and-directory"],
      required: true,
      describe: "How users authenticate",
    },
    tokens: { kind: "enum", choices: ["active", "inactive"], default: "inactive", describe: "Personal access tokens" },
    tokenLifetimeDays: {
      kind: "int",
      min: 1,
      max: 3653,
      placeholder: "days",
      describe: "How long personal access tokens are valid",
    },
  },
  output: idpOutput,
  mutating: true,
  async run(ctx, opts) {
    if (!INSTANCE_ARN.test(opts.instanceArn))
      throw new UsageError(`--instance-arn "${opts.instanceArn}" is not an Identity Center instance ARN`);
    const input = {
      AuthenticationMode: MODES[opts.mode],
      IdentityCenterConfiguration: { InstanceArn: opts.instanceArn, ApplicationArn: opts.applicationArn },
      PersonalAccessTokenConfiguration: {
        Status: opts.tokens === "active" ? ("ACTIVE" as const) : ("INACTIVE" as const),
        ...(opts.tokenLifetimeDays === undefined ? {} : { LifetimeInDays: opts.tokenLifetimeDays }),
      },
    };
    const org = await ctx.org();
    if (opts.dryRun) {
      await validateRequest("PutIdentityProviderConfiguration", { OrganizationId: org, ...input });
      ctx.out.plan({
        action: "PutIdentityProviderConfiguration",
        target: org,
        details: {
          mode: input.AuthenticationMode,
          applicationArn: opts.applicationArn,
          tokens: input.PersonalAccessTokenConfiguration.Status,
        },
      });
      return;
    }
    const api = await ctx.backend();
    await api.putIdentityProviderConfiguration({ OrganizationId: org, ...input });
    ctx.out.status(`Users of the organization now sign in through Identity Center (${opts.mode})`);
    ctx.out.record(idpView(await api.describeIdentityProviderConfiguration({ OrganizationId: org })));
  },
});

import { randomUUID } from "node:crypto";
import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { rememberApplication } from "./remembered.js";

export const INSTANCE_ARN =
  /^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;

export const identityCenterCreateCommand = defineCommand({
  name: "create",
  summary: "Create the WorkMail application in IAM Identity Center (account-wide)",
  description:
    "The application connects Identity Center to WorkMail; it changes no organization's sign-in until\n" +
    "`wmctl idp set` uses it. Print its ARN with --fields applicationArn.",
  examples: ["wmctl identity-center create WorkMail --instance-arn arn:aws:sso:::instance/ssoins-1234567890abcdef"],
  args: [{ name: "name", describe: "application name: letters, digits and +=,.@-_" }],
  options: {
    instanceArn: { kind: "string", required: true, placeholder: "arn", describe: "the Identity Center instance ARN" },
  },
  output: { fields: ["applicationArn", "name", "instanceArn"], columns: ["applicationArn", "name", "instanceArn"] },
  mutating: true,
  async run(ctx, opts) {
    if (!INSTANCE_ARN.test(opts.instanceArn))
      throw new UsageError(
        `--instance-arn "${opts.instanceArn}" is not an Identity Center instance ARN`,
        "e.g. arn:aws:sso:::instance/ssoins-1234567890abcdef",
      );
    if (opts.dryRun) {
      ctx.out.plan({
        action: "CreateIdentityCenterApplication",
        target: opts.name,
        details: { instanceArn: opts.instanceArn },
      });
      return;
    }
    const api = await ctx.backend();
    const res = await api.createIdentityCenterApplication({
      Name: opts.name,
      InstanceArn: opts.instanceArn,
      ClientToken: randomUUID(),
    });
    ctx.out.status(`Created Identity Center application ${opts.name} (wmctl identity-center list shows it again)`);
    rememberApplication(ctx, {
      applicationArn: res.ApplicationArn as string,
      name: opts.name,
      instanceArn: opts.instanceArn,
      created: new Date().toISOString(),
    });
    ctx.out.record({ applicationArn: res.ApplicationArn, name: opts.name, instanceArn: opts.instanceArn });
  },
});

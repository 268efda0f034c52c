import { defineCommand } from "../../cli/define-command.js";
import { withHints } from "../../errors/with-hint.js";
import { forgetApplication } from "./remembered.js";

export const identityCenterDeleteCommand = defineCommand({
  name: "delete",
  aliases: ["rm"],
  summary: "Delete the WorkMail application from IAM Identity Center",
  description: "Fails while an organization's identity provider configuration uses it (`wmctl idp delete` first).",
  examples: [
    "wmctl identity-center delete arn:aws:sso::111122223333:application/ssoins-1234567890abcdef/apl-abcdef0123456789 --yes",
  ],
  args: [{ name: "applicationArn", describe: "the application ARN" }],
  output: { fields: ["applicationArn", "deleted"], columns: ["applicationArn", "deleted"] },
  mutating: true,
  async run(ctx, opts) {
    if (opts.dryRun) {
      ctx.out.plan({ action: "DeleteIdentityCenterApplication", target: opts.applicationArn });
      return;
    }
    await ctx.confirm(`Delete the Identity Center application ${opts.applicationArn}?`);
    const api = await ctx.backend();
    await withHints(api.deleteIdentityCenterApplication({ ApplicationArn: opts.applicationArn }), {
      OrganizationStateException:
        "remove that organization's identity provider configuration first: wmctl --org ORG idp delete",
    });
    forgetApplication(ctx, opts.applicationArn);
    ctx.out.status("Deleted the Identity Center application");
    ctx.out.record({ applicationArn: opts.applicationArn, deleted: true });
  },
});

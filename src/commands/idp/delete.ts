import { defineCommand } from "../../cli/define-command.js";
import { idpOutput, idpView } from "./view.js";

export const idpDeleteCommand = defineCommand({
  name: "delete",
  aliases: ["rm"],
  summary: "Stop signing users in through IAM Identity Center",
  description:
    "Authentication falls back to the WorkMail directory; users may need new passwords and to set up their mail clients again.",
  examples: ["wmctl idp delete --yes"],
  output: idpOutput,
  mutating: true,
  async run(ctx, opts) {
    const org = await ctx.org();
    if (opts.dryRun) {
      ctx.out.plan({ action: "DeleteIdentityProviderConfiguration", target: org });
      return;
    }
    await ctx.confirm(
      "Disable the Identity Center integration? Users may have to reset their directory passwords and set up their mail clients again.",
    );
    const api = await ctx.backend();
    await api.deleteIdentityProviderConfiguration({ OrganizationId: org });
    ctx.out.status("Identity Center integration disabled: users sign in with the WorkMail directory");
    ctx.out.record(idpView(undefined));
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { paginate } from "../../backend/paginate.js";
import { tokenListOutput, tokenView } from "./view.js";

export const tokenListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List personal access tokens (created by users in the web app)",
  examples: ["wmctl token list", "wmctl token list --user bob@example.com -o json"],
  options: { user: { kind: "string", placeholder: "user", describe: "Only this user's tokens (name or email)" } },
  output: tokenListOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const user = opts.user === undefined ? undefined : await ctx.resolve.user(opts.user);
    const pages = paginate(
      (t) =>
        api.listPersonalAccessTokens({
          OrganizationId: org,
          NextToken: t,
          ...(user === undefined ? {} : { UserId: user.id }),
        }),
      "PersonalAccessTokenSummaries",
    );
    for await (const t of pages) ctx.out.row(await tokenView(ctx, t));
  },
});

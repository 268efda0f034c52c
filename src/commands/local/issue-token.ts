import { defineCommand } from "../../cli/define-command.js";
import { withHints } from "../../errors/with-hint.js";

export const localIssueTokenCommand = defineCommand({
  name: "issue-token",
  summary: "Create a personal access token as a mailbox user would in the web app (simulator only)",
  description:
    "Real users create personal access tokens in the WorkMail web app; there is no admin API for it.\n" +
    "This does the same on the local simulator, so `wmctl token` has something to manage. Tokens must be\n" +
    "ACTIVE in the organization (`wmctl idp set ... --tokens active`). The token is printed once.",
  examples: [
    "wmctl local issue-token --user bob@example.com --name laptop",
    "wmctl local issue-token --user bob --name phone --scope EWS --fields token",
  ],
  options: {
    user: {
      kind: "string",
      required: true,
      placeholder: "user",
      describe: "The user creating the token (name or email)",
    },
    name: { kind: "string", required: true, describe: "The token's name" },
    scope: { kind: "list", placeholder: "scope", describe: "Scopes (default: IMAP, SMTP)" },
  },
  output: { fields: ["id", "token", "user", "name", "expires"], columns: ["id", "token", "expires"] },
  async run(ctx, opts) {
    const sim = await ctx.simulator();
    const user = await ctx.resolve.user(opts.user);
    const issued = await withHints(
      sim.issuePersonalAccessToken({
        organizationId: await ctx.org(),
        user: user.id,
        name: opts.name,
        scopes: opts.scope.length > 0 ? opts.scope : ["IMAP", "SMTP"],
      }),
      {
        OrganizationStateException:
          "turn personal access tokens on first: wmctl idp set --tokens active (see `wmctl idp show`)",
      },
    );
    ctx.out.status(`Issued personal access token ${opts.name} for ${user.email ?? user.name}; it is shown only now`);
    ctx.out.record({
      id: issued.id,
      token: issued.token,
      user: user.email ?? user.name,
      name: opts.name,
      expires: issued.expiresTime,
    });
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { idpOutput, idpView } from "./view.js";
import { unlessServiceError } from "../../errors/with-hint.js";

export const idpShowCommand = defineCommand({
  name: "show",
  aliases: ["describe", "get"],
  summary: "Show how mailbox users sign in (IAM Identity Center configuration)",
  examples: ["wmctl idp show", "wmctl idp show -o json"],
  output: idpOutput,
  async run(ctx) {
    const api = await ctx.backend();
    ctx.out.record(
      idpView(
        await unlessServiceError(
          api.describeIdentityProviderConfiguration({ OrganizationId: await ctx.org() }),
          "ResourceNotFoundException",
        ),
      ),
    );
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { NotFoundError } from "../../errors/cli-error.js";
import { checkProfileName } from "../../context/config-store.js";
import { DEFAULT_PROFILE } from "../../context/profile.js";

export const configUseCommand = defineCommand({
  name: "use",
  summary: "Make a profile the current one",
  examples: ["wmctl config use prod", "wmctl config use default"],
  args: [{ name: "profile", describe: "the profile's name" }],
  async run(ctx, opts) {
    const name = checkProfileName(opts.profile);
    if (name !== DEFAULT_PROFILE && ctx.config.profile(name) === undefined) {
      throw new NotFoundError(
        `no profile named "${name}"`,
        "create it first: wmctl --profile NAME config set KEY VALUE",
      );
    }
    await ctx.config.update((file) => {
      file.currentProfile = name;
    });
    ctx.out.status(`Current profile: ${name}`);
  },
});

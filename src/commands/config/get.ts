import { defineCommand } from "../../cli/define-command.js";
import { NotFoundError } from "../../errors/cli-error.js";
import { profileKey } from "./keys.js";

export const configGetCommand = defineCommand({
  name: "get",
  summary: "Print one setting of a profile",
  examples: ["wmctl config get region", "wmctl --profile prod config get awsProfile"],
  args: [{ name: "key", describe: "the setting (see `wmctl config list --all`)" }],
  async run(ctx, opts) {
    const key = profileKey(opts.key);
    const value = ctx.config.profile(ctx.settings.profileName)?.[key];
    if (value === undefined) throw new NotFoundError(`${key} is not set in profile ${ctx.settings.profileName}`);
    ctx.out.text(String(value));
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { profileKey } from "./keys.js";

export const configUnsetCommand = defineCommand({
  name: "unset",
  summary: "Remove a setting from a profile",
  examples: ["wmctl config unset endpointUrl"],
  args: [{ name: "key", describe: "the setting" }],
  mutating: true,
  async run(ctx, opts) {
    const key = profileKey(opts.key);
    const name = ctx.settings.profileName;
    if (opts.dryRun) {
      ctx.out.plan({ action: "unset", target: `${name}.${key}` });
      return;
    }
    await ctx.config.setProfile(name, { [key]: undefined });
    ctx.out.status(`Removed ${key} from profile ${name}`);
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { PROFILE_KEYS, type Profile } from "../../context/profile.js";

export const configListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "Show the settings stored in a profile",
  description:
    "Without --all, only the keys that are set. The profile is --profile, WMCTL_PROFILE, or the current one.",
  examples: ["wmctl config list", "wmctl --profile prod config list --all", "wmctl config list -o json"],
  options: { all: { kind: "boolean", describe: "Also list the keys that are not set, with what they mean" } },
  output: { fields: ["profile", "key", "value", "describe"], columns: ["key", "value"], list: true },
  async run(ctx, opts) {
    const stored: Profile = ctx.config.profile(ctx.settings.profileName) ?? {};
    for (const [key, spec] of Object.entries(PROFILE_KEYS)) {
      const value = stored[key as keyof Profile];
      if (value === undefined && !opts.all) continue;
      ctx.out.row({ profile: ctx.settings.profileName, key, value, describe: spec.describe });
    }
  },
});

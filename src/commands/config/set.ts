import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { PROFILE_KEYS } from "../../context/profile.js";
import { profileKey } from "./keys.js";

export const configSetCommand = defineCommand({
  name: "set",
  summary: "Store a setting in a profile (creates the profile if needed)",
  description:
    "Profiles never hold AWS secrets: name a profile of ~/.aws/config with awsProfile instead.\n" +
    "The file is written atomically with mode 0600 and checked against its schema.",
  examples: [
    "wmctl --profile prod config set backend aws",
    "wmctl --profile prod config set awsProfile corp-admin",
    "wmctl --profile prod config set region eu-west-1",
    "wmctl --profile sim config set endpointUrl http://127.0.0.1:4566",
  ],
  args: [
    { name: "key", describe: "the setting (see `wmctl config list --all`)" },
    { name: "value", describe: "its value" },
  ],
  mutating: true,
  async run(ctx, opts) {
    const key = profileKey(opts.key);
    let value: string | number;
    try {
      value = PROFILE_KEYS[key].parse(opts.value);
    } catch (e) {
      throw new UsageError(
        `${key}: ${(e as Error).message}`,
        "see every key and what it takes: wmctl config list --all",
      );
    }
    const name = ctx.settings.profileName;
    if (opts.dryRun) {
      ctx.out.plan({ action: "set", target: `${name}.${key}`, details: { value } });
      return;
    }
    await ctx.config.setProfile(name, { [key]: value });
    ctx.out.status(`Set ${key} in profile ${name}`);
  },
});

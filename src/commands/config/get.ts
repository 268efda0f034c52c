import { defineCommand } from "../../cli/define-command.js";
import type { Settings } from "../../context/settings.js";
import { NotFoundError } from "../../errors/cli-error.js";
import { profileKey } from "./keys.js";

export const configGetCommand = defineCommand({
  name: "get",
  summary: "Print the value a setting has for this command line, and where it comes from",
  description:
    "Prints the effective value: a flag beats its WMCTL_ variable, which beats the profile, which beats\n" +
    "the default (`backend` is local unless something says otherwise). Where it comes from goes to stderr.\n" +
    "Exit 5 when the setting has no value at all.",
  examples: [
    "wmctl config get region",
    "wmctl --profile prod config get awsProfile",
    "WMCTL_BACKEND=aws wmctl config get backend",
  ],
  args: [{ name: "key", describe: "the setting (see `wmctl config list --all`)" }],
  async run(ctx, opts) {
    const key = profileKey(opts.key);
    const { value, source } = effective(ctx.settings, key);
    if (value === undefined) {
      throw new NotFoundError(
        `${key} is not set (not in profile ${ctx.settings.profileName}, and no flag or variable gives it)`,
        `set it: wmctl config set ${key} VALUE`,
      );
    }
    ctx.out.text(String(value));
    ctx.out.info(`(from ${source ?? `profile ${ctx.settings.profileName}`})`);
  },
});

/** The value a key has after flags, environment, profile and defaults, and where it came from. */
function effective(
  s: Settings,
  key: ReturnType<typeof profileKey>,
): { value: string | number | undefined; source: string | undefined } {
  switch (key) {
    case "backend":
    case "region":
    case "endpointUrl":
    case "dataDir":
    case "maxAttempts":
    case "awsProfile":
      return { value: s[key], source: s.sources[key] };
    case "organizationId":
      return { value: s.org, source: s.sources.organizationId };
    case "output":
      return s.output === undefined
        ? { value: "table", source: "default: a table on a terminal, tsv when piped" }
        : { value: s.output, source: s.sources.output };
    default:
      return { value: s.profile[key], source: `profile ${s.profileName}` };
  }
}

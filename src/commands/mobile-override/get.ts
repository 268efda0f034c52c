import { defineCommand } from "../../cli/define-command.js";
import { NotFoundError } from "../../errors/cli-error.js";
import { DEVICE_ID_HELP, findOverride, overrideRecordOutput, overrideView } from "./view.js";

export const mobileOverrideGetCommand = defineCommand({
  name: "get",
  aliases: ["describe", "show"],
  summary: "Show the override for one user and device",
  examples: ["wmctl mobile-override get bob@example.com 6APMEKPHCP2ND42VIJ4BR8ECD0"],
  args: [
    { name: "user", describe: "name or email address" },
    { name: "deviceId", describe: DEVICE_ID_HELP },
  ],
  output: overrideRecordOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const user = await ctx.resolve.user(opts.user);
    const override = await findOverride(api, org, user.id, opts.deviceId);
    if (override === undefined) {
      throw new NotFoundError(
        `no override for ${user.email ?? user.name} and device ${opts.deviceId}: the mobile rules decide`,
        "see `wmctl mobile-override list`",
      );
    }
    ctx.out.record(await overrideView(ctx, override));
  },
});

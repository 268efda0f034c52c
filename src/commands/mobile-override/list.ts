import { defineCommand } from "../../cli/define-command.js";
import { listOverrides, overrideListOutput, overrideView } from "./view.js";

export const mobileOverrideListCommand = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "List mobile device access overrides (per user and device)",
  examples: [
    "wmctl mobile-override list",
    "wmctl mobile-override list --user bob@example.com",
    "wmctl mobile-override list --device-id 6APMEKPHCP2ND42VIJ4BR8ECD0",
  ],
  options: {
    user: { kind: "string", placeholder: "user", describe: "Only this user's overrides (name or email)" },
    deviceId: { kind: "string", placeholder: "id", describe: "Only overrides for this device" },
  },
  output: overrideListOutput,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const user = opts.user === undefined ? undefined : await ctx.resolve.user(opts.user);
    const filter = {
      ...(user === undefined ? {} : { UserId: user.id }),
      ...(opts.deviceId === undefined ? {} : { DeviceId: opts.deviceId }),
    };
    for await (const o of listOverrides(api, org, filter)) ctx.out.row(await overrideView(ctx, o));
  },
});

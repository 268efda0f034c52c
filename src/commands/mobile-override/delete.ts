import { defineCommand } from "../../cli/define-command.js";
import { NotFoundError } from "../../errors/cli-error.js";
import { DEVICE_ID_HELP, findOverride } from "./view.js";

export const mobileOverrideDeleteCommand = defineCommand({
  name: "delete",
  aliases: ["rm"],
  summary: "Delete an override: the mobile rules decide for that device again",
  examples: ["wmctl mobile-override delete bob@example.com 6APMEKPHCP2ND42VIJ4BR8ECD0 --yes"],
  args: [
    { name: "user", describe: "name or email address" },
    { name: "deviceId", describe: DEVICE_ID_HELP },
  ],
  output: { fields: ["user", "deviceId", "deleted"], columns: ["user", "deviceId", "deleted"] },
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const user = await ctx.resolve.user(opts.user);
    const label = user.email ?? user.name;
    const effect = (await findOverride(api, org, user.id, opts.deviceId))?.Effect;
    if (effect === undefined)
      throw new NotFoundError(
        `no override for ${label} and device ${opts.deviceId}`,
        "see `wmctl mobile-override list`",
      );
    if (opts.dryRun) {
      ctx.out.plan({
        action: "DeleteMobileDeviceAccessOverride",
        target: `${label} ${opts.deviceId}`,
        details: { effect },
      });
      return;
    }
    await ctx.confirm(
      `Delete the ${effect} override for ${label} and device ${opts.deviceId}? The mobile rules will decide for it again.`,
    );
    await api.deleteMobileDeviceAccessOverride({ OrganizationId: org, UserId: user.id, DeviceId: opts.deviceId });
    ctx.out.status(`Deleted the override for ${label} and device ${opts.deviceId}`);
    ctx.out.record({ user: label, deviceId: opts.deviceId, deleted: true });
  },
});

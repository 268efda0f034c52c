import { defineCommand } from "../../cli/define-command.js";
import { DEVICE_ID_HELP, overrideRecordOutput, overrideView } from "./view.js";

export const mobileOverridePutCommand = defineCommand({
  name: "put",
  aliases: ["set"],
  summary: "Allow or deny one user's device whatever the mobile rules say (creates or updates)",
  description:
    "An override replaces the rules' result for that user and device; delete it to let the rules decide\n" +
    "again. With a DefaultDenyAll rule, overrides let an MDM solution decide device by device.",
  examples: [
    "wmctl mobile-override put bob@example.com 6APMEKPHCP2ND42VIJ4BR8ECD0 --effect deny",
    "wmctl mobile-override put bob 6APMEKPHCP2ND42VIJ4BR8ECD0 --effect allow --description 'MDM compliant'",
  ],
  args: [
    { name: "user", describe: "name or email address" },
    { name: "deviceId", describe: DEVICE_ID_HELP },
  ],
  options: {
    effect: { kind: "enum", choices: ["ALLOW", "DENY"], required: true, describe: "ALLOW or DENY this device" },
    description: { kind: "string", describe: "Why" },
  },
  output: overrideRecordOutput,
  mutating: true,
  async run(ctx, opts) {
    const api = await ctx.backend();
    const org = await ctx.org();
    const user = await ctx.resolve.user(opts.user);
    if (opts.dryRun) {
      ctx.out.plan({
        action: "PutMobileDeviceAccessOverride",
        target: `${user.email ?? user.name} ${opts.deviceId}`,
        details: { effect: opts.effect, description: opts.description },
      });
      return;
    }
    await api.putMobileDeviceAccessOverride({
      OrganizationId: org,
      UserId: user.id,
      DeviceId: opts.deviceId,
      Effect: opts.effect,
      ...(opts.description === undefined ? {} : { Description: opts.description }),
    });
    ctx.out.status(
      `${opts.effect === "ALLOW" ? "Allowed" : "Denied"} device ${opts.deviceId} of ${user.email ?? user.name}`,
    );
    ctx.out.record(
      await overrideView(
        ctx,
        await api.getMobileDeviceAccessOverride({ OrganizationId: org, UserId: user.id, DeviceId: opts.deviceId }),
      ),
    );
  },
});

import { defineCommand } from "../../cli/define-command.js";
import { UsageError } from "../../errors/cli-error.js";
import { findOverride } from "../mobile-override/view.js";

export const mobileRuleTestCommand = defineCommand({
  name: "test",
  summary: "Show what the mobile rules (and an override) decide for a device",
  description:
    "Give what the device reports; leave out what it does not report. With --user and --device-id, an\n" +
    "override for that user and device decides instead of the rules, as it does for the real device.",
  examples: [
    "wmctl mobile-rule test --device-type iPhone --device-model iPhone10C1 --os 'iOS 14.2.1 16F203' --user-agent 'iOS/14.2 (18B92) exchangesyncd/1.0'",
    "wmctl mobile-rule test --device-type Android --user bob@example.com --device-id 6APMEKPHCP2ND42VIJ4BR8ECD0",
  ],
  options: {
    deviceType: { kind: "string", placeholder: "type", describe: "The device type it reports, e.g. iPhone" },
    deviceModel: { kind: "string", placeholder: "model", describe: "The model it reports, e.g. iPhone10C1" },
    os: { kind: "string", placeholder: "os", describe: "The operating system it reports, e.g. 'iOS 14.2.1 16F203'" },
    userAgent: { kind: "string", placeholder: "agent", describe: "The user agent it reports" },
    user: { kind: "string", placeholder: "user", describe: "The device's user (name or email), to apply an override" },
    deviceId: { kind: "string", placeholder: "id", describe: "The device id, to apply an override" },
  },
  output: {
    fields: [
      "effect",
      "decidedBy",
      "matchedRules",
      "override",
      "deviceType",
      "deviceModel",
      "os",
      "userAgent",
      "user",
      "deviceId",
    ],
    columns: ["effect", "decidedBy", "matchedRules"],
  },
  async run(ctx, opts) {
    if ((opts.user === undefined) !== (opts.deviceId === undefined))
      throw new UsageError("--user and --device-id go together (an override is per user and device)");
    const api = await ctx.backend();
    const org = await ctx.org();
    const res = await api.getMobileDeviceAccessEffect({
      OrganizationId: org,
      ...(opts.deviceType ? { DeviceType: opts.deviceType } : {}),
      ...(opts.deviceModel ? { DeviceModel: opts.deviceModel } : {}),
      ...(opts.os ? { DeviceOperatingSystem: opts.os } : {}),
      ...(opts.userAgent ? { DeviceUserAgent: opts.userAgent } : {}),
    });
    let override: string | undefined;
    let user: string | undefined;
    if (opts.user !== undefined && opts.deviceId !== undefined) {
      const u = await ctx.resolve.user(opts.user);
      user = u.email ?? u.name;
      override = (await findOverride(api, org, u.id, opts.deviceId))?.Effect;
    }
    const rules = (res.MatchedRules ?? []).map((r) => r.Name ?? r.MobileDeviceAccessRuleId ?? "");
    ctx.out.record({
      effect: override ?? res.Effect,
      decidedBy: override !== undefined ? "override" : rules.length > 0 ? "rules" : "no matching rule",
      matchedRules: override !== undefined ? [] : rules,
      override,
      deviceType: opts.deviceType,
      deviceModel: opts.deviceModel,
      os: opts.os,
      userAgent: opts.userAgent,
      user,
      deviceId: opts.deviceId,
    });
  },
});

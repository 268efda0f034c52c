import { describe, expect, it } from "vitest";
import {
  evaluateMobileAccess,
  type DeviceProperties,
  type MobileRuleConditions,
} from "../../../src/local-backend/rules/mobile-access.js";

// Devices and rules are the guide's own examples ("Managing mobile device access rules",
// "Using mobile device access rules", "Dealing with empty fields", "...overrides").
const DEVICES = {
  // The device of the guide's get-mobile-device-access-effect example.
  iphone: {
    type: "iPhone",
    model: "iPhone10C1",
    operatingSystem: "iOS 14.2.1 16F203",
    userAgent: "iOS/14.2 (18B92) exchangesyncd/1.0",
  },
  ipad: { type: "iPad", model: "iPad5C1", operatingSystem: "iOS 12.3.1 16F203" },
  android: {
    type: "Android",
    model: "HTCOneX",
    operatingSystem: "Android 8.1.0",
    userAgent: "Android-Mail/7.7.16.163886392.release",
  },
  ios143: { type: "iPhone", operatingSystem: "iOS 14.3 18C66" },
  ios144: { type: "iPhone", operatingSystem: "iOS 14.4.1 18D61" },
  // Some devices don't report every field.
  noType: { model: "iPhone10C1", operatingSystem: "iOS 14.2.1 16F203" },
  emptyType: { type: "", model: "HTCOneX" },
  nothing: {},
} satisfies Record<string, DeviceProperties>;
type Device = keyof typeof DEVICES;

let n = 0;
const rule = (
  Name: string,
  Effect: "ALLOW" | "DENY",
  conditions: Partial<MobileRuleConditions> = {},
): MobileRuleConditions => ({
  MobileDeviceAccessRuleId: `r${++n}`,
  Name,
  Effect,
  ...conditions,
});

const DEFAULT = rule("default", "ALLOW");
const BLOCK_ALL_ANDROID = rule("BlockAllAndroid", "DENY", { DeviceTypes: ["android"] });
const ALLOW_LATEST_IOS = rule("AllowLatestiOS", "ALLOW", { DeviceOperatingSystems: ["iOS 14.3"] });
const ALLOW_LATEST_IOS_UPDATED = rule("AllowLatestiOS", "ALLOW", { DeviceOperatingSystems: ["iOS 14.4"] });
const DEFAULT_DENY_ALL = rule("DefaultDenyAll", "DENY");
const APPLE_OR_UNREPORTED = rule("AppleOrNoType", "ALLOW", { DeviceTypes: ["iphone", "ipad", "$NONE"] });
const NOT_ANDROID_ALLOW = rule("NotAndroid", "ALLOW", { NotDeviceTypes: ["android"] });
const NOT_ANDROID_DENY = rule("DenyNotAndroid", "DENY", { NotDeviceTypes: ["android"] });

interface Case {
  readonly title: string;
  readonly rules: readonly MobileRuleConditions[];
  readonly expect: Partial<Record<Device, "ALLOW" | "DENY">>;
}

const CASES: readonly Case[] = [
  {
    title: "the default rule grants access to any device, regardless of type, model, OS or user agent",
    rules: [DEFAULT],
    expect: { iphone: "ALLOW", ipad: "ALLOW", android: "ALLOW", noType: "ALLOW", nothing: "ALLOW" },
  },
  {
    title:
      "BlockAllAndroid (--device-types android) blocks Android devices case-insensitively; DENY wins over the default",
    rules: [DEFAULT, BLOCK_ALL_ANDROID],
    expect: { android: "DENY", iphone: "ALLOW", ipad: "ALLOW", noType: "ALLOW" },
  },
  {
    title: "AllowLatestiOS with the default ALLOW-all rule removed: only iOS 14.3 (prefix) gets in",
    rules: [ALLOW_LATEST_IOS],
    expect: { ios143: "ALLOW", iphone: "DENY", ios144: "DENY", android: "DENY", nothing: "DENY" },
  },
  {
    title: "AllowLatestiOS updated to iOS 14.4",
    rules: [ALLOW_LATEST_IOS_UPDATED],
    expect: { ios144: "ALLOW", ios143: "DENY", iphone: "DENY" },
  },
  {
    title: "DefaultDenyAll (a DENY rule with no conditions) blocks every device, even next to the default rule",
    rules: [DEFAULT, DEFAULT_DENY_ALL],
    expect: { iphone: "DENY", android: "DENY", nothing: "DENY" },
  },
  {
    title: '$NONE: DeviceTypes=["iphone","ipad","$NONE"] matches iPhone, iPad, and devices that report no type',
    rules: [APPLE_OR_UNREPORTED],
    expect: { iphone: "ALLOW", ipad: "ALLOW", noType: "ALLOW", emptyType: "ALLOW", android: "DENY" },
  },
  {
    title: 'NotDeviceTypes=["android"] matches reported non-Android types, never a device without a type',
    rules: [NOT_ANDROID_ALLOW],
    expect: { iphone: "ALLOW", ipad: "ALLOW", android: "DENY", noType: "DENY", emptyType: "DENY", nothing: "DENY" },
  },
  {
    title: "a negative DENY condition does not match an empty field either, so the default rule decides",
    rules: [DEFAULT, NOT_ANDROID_DENY],
    expect: { iphone: "DENY", android: "ALLOW", noType: "ALLOW" },
  },
  {
    title: "with every rule deleted, all mobile device access is blocked",
    rules: [],
    expect: { iphone: "DENY", android: "DENY", nothing: "DENY" },
  },
  {
    title: "all conditions of a rule must match",
    rules: [rule("iPhonesOnIOS14", "ALLOW", { DeviceTypes: ["iphone"], DeviceOperatingSystems: ["iOS 14"] })],
    expect: { iphone: "ALLOW", ios143: "ALLOW", ipad: "DENY", noType: "DENY" },
  },
  {
    title: "conditions are prefixes, not substrings; user agents match case-insensitively",
    rules: [
      rule("C1", "ALLOW", { DeviceModels: ["C1"] }),
      rule("IosMailApp", "ALLOW", { DeviceUserAgents: ["ios/14"] }),
    ],
    expect: { iphone: "ALLOW", ipad: "DENY", noType: "DENY", android: "DENY" },
  },
  {
    title: "NotDeviceUserAgents: devices that report no user agent never match",
    rules: [rule("NotAndroidMail", "ALLOW", { NotDeviceUserAgents: ["Android-Mail"] })],
    expect: { iphone: "ALLOW", android: "DENY", ipad: "DENY" },
  },
];

describe("mobile device access rules (guide examples)", () => {
  for (const c of CASES) {
    describe(c.title, () => {
      for (const [device, effect] of Object.entries(c.expect)) {
        it(`${device} -> ${effect}`, () => {
          expect(evaluateMobileAccess(c.rules, DEVICES[device as Device]).effect).toBe(effect);
        });
      }
    });
  }

  it("reports the rules that produced the effect: only the DENY rules when a DENY wins", () => {
    const rules = [DEFAULT, BLOCK_ALL_ANDROID];
    expect(evaluateMobileAccess(rules, DEVICES.android).matchedRules).toEqual([
      { MobileDeviceAccessRuleId: BLOCK_ALL_ANDROID.MobileDeviceAccessRuleId, Name: "BlockAllAndroid" },
    ]);
    expect(evaluateMobileAccess(rules, DEVICES.iphone).matchedRules.map((r) => r.Name)).toEqual(["default"]);
    expect(evaluateMobileAccess([ALLOW_LATEST_IOS], DEVICES.iphone).matchedRules).toEqual([]);
  });
});

describe("mobile device access overrides (guide examples)", () => {
  it("deny-all plus an ALLOW override: the MDM-approved user and device get in, nothing else does", () => {
    const rules = [DEFAULT_DENY_ALL];
    expect(evaluateMobileAccess(rules, DEVICES.iphone, "ALLOW")).toEqual({
      effect: "ALLOW",
      matchedRules: [],
      override: "ALLOW",
    });
    expect(evaluateMobileAccess(rules, DEVICES.iphone).effect).toBe("DENY");
  });

  it("a DENY override blocks a device the rules allow; updating it to ALLOW lets it in; deleting it restores the rules' result", () => {
    const rules = [DEFAULT, BLOCK_ALL_ANDROID];
    expect(evaluateMobileAccess(rules, DEVICES.iphone, "DENY").effect).toBe("DENY");
    expect(evaluateMobileAccess(rules, DEVICES.android, "ALLOW").effect).toBe("ALLOW");
    expect(evaluateMobileAccess(rules, DEVICES.android, undefined).effect).toBe("DENY");
  });
});

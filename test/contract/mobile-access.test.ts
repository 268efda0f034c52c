import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { failure, openPolicyOrg, type PolicyOrg } from "../helpers/policy-org.js";

let t: PolicyOrg;
beforeEach(async () => {
  t = await openPolicyOrg();
});
afterEach(() => t.close());

// The guide's test device (get-mobile-device-access-effect example).
const IPHONE = {
  DeviceType: "iPhone",
  DeviceModel: "iPhone10C1",
  DeviceOperatingSystem: "iOS 14.2.1 16F203",
  DeviceUserAgent: "iOS/14.2 (18B92) exchangesyncd/1.0",
};
const ANDROID = { DeviceType: "Android", DeviceModel: "HTCOneX", DeviceOperatingSystem: "Android 8.1.0" };
const DEVICE_ID = "6APMEKPHCP2ND42VIJ4BR8ECD0";

const effectOf = async (device: Record<string, string>) =>
  (await t.api.getMobileDeviceAccessEffect({ OrganizationId: t.org, ...device })).Effect;
const rules = async () => (await t.api.listMobileDeviceAccessRules({ OrganizationId: t.org })).Rules ?? [];

describe("mobile device access rules", () => {
  it("a new organization allows any device through its default rule", async () => {
    const list = await rules();
    expect(list).toEqual([expect.objectContaining({ Name: "default", Effect: "ALLOW" })]);
    const r = await t.api.getMobileDeviceAccessEffect({ OrganizationId: t.org, ...IPHONE });
    expect(r).toEqual({
      Effect: "ALLOW",
      MatchedRules: [{ MobileDeviceAccessRuleId: list[0]?.MobileDeviceAccessRuleId, Name: "default" }],
    });
    expect(await effectOf({})).toBe("ALLOW");
  });

  it("runs the guide's walk-through: BlockAllAndroid, AllowLatestiOS without the default rule, then the update", async () => {
    const block = await t.api.createMobileDeviceAccessRule({
      OrganizationId: t.org,
      Name: "BlockAllAndroid",
      Effect: "DENY",
      DeviceTypes: ["android"],
    });
    expect(block.MobileDeviceAccessRuleId).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(await effectOf(ANDROID)).toBe("DENY");
    expect(await effectOf(IPHONE)).toBe("ALLOW");

    const allow = await t.api.createMobileDeviceAccessRule({
      OrganizationId: t.org,
      Name: "AllowLatestiOS",
      Effect: "ALLOW",
      DeviceOperatingSystems: ["iOS 14.3"],
    });
    const def = (await rules()).find((r) => r.Name === "default");
    await t.api.deleteMobileDeviceAccessRule({
      OrganizationId: t.org,
      MobileDeviceAccessRuleId: def?.MobileDeviceAccessRuleId as string,
    });
    expect(await effectOf(IPHONE)).toBe("DENY");
    expect(await effectOf({ ...IPHONE, DeviceOperatingSystem: "iOS 14.3 18C66" })).toBe("ALLOW");

    await t.api.updateMobileDeviceAccessRule({
      OrganizationId: t.org,
      MobileDeviceAccessRuleId: allow.MobileDeviceAccessRuleId as string,
      Name: "AllowLatestiOS",
      Effect: "ALLOW",
      DeviceOperatingSystems: ["iOS 14.4"],
    });
    expect(await effectOf({ ...IPHONE, DeviceOperatingSystem: "iOS 14.3 18C66" })).toBe("DENY");
    expect(await effectOf({ ...IPHONE, DeviceOperatingSystem: "iOS 14.4.1" })).toBe("ALLOW");
    const updated = (await rules()).find((r) => r.Name === "AllowLatestiOS");
    expect(updated?.DeviceOperatingSystems).toEqual(["iOS 14.4"]);

    for (const r of await rules())
      await t.api.deleteMobileDeviceAccessRule({
        OrganizationId: t.org,
        MobileDeviceAccessRuleId: r.MobileDeviceAccessRuleId as string,
      });
    expect(await effectOf(IPHONE)).toBe("DENY");
  });

  it("update replaces every member: conditions left out are removed", async () => {
    const { MobileDeviceAccessRuleId } = await t.api.createMobileDeviceAccessRule({
      OrganizationId: t.org,
      Name: "r",
      Description: "first",
      Effect: "DENY",
      DeviceTypes: ["android"],
      NotDeviceModels: ["Pixel"],
    });
    await t.api.updateMobileDeviceAccessRule({
      OrganizationId: t.org,
      MobileDeviceAccessRuleId: MobileDeviceAccessRuleId as string,
      Name: "r2",
      Effect: "ALLOW",
    });
    const r = (await rules()).find((x) => x.MobileDeviceAccessRuleId === MobileDeviceAccessRuleId);
    expect(r).toMatchObject({ Name: "r2", Effect: "ALLOW" });
    expect(r?.DeviceTypes).toBeUndefined();
    expect(r?.Description).toBeUndefined();
  });

  it("is idempotent with a client token, refuses an 11th rule, and reports unknown rules on update", async () => {
    const a = await t.api.createMobileDeviceAccessRule({
      OrganizationId: t.org,
      Name: "x",
      Effect: "ALLOW",
      ClientToken: "tok-1",
    });
    const b = await t.api.createMobileDeviceAccessRule({
      OrganizationId: t.org,
      Name: "x",
      Effect: "ALLOW",
      ClientToken: "tok-1",
    });
    expect(b.MobileDeviceAccessRuleId).toBe(a.MobileDeviceAccessRuleId);
    for (let i = 0; i < 8; i++)
      await t.api.createMobileDeviceAccessRule({ OrganizationId: t.org, Name: `r${i}`, Effect: "ALLOW" });
    expect(
      (
        await failure(
          t.api.createMobileDeviceAccessRule({ OrganizationId: t.org, Name: "one-too-many", Effect: "ALLOW" }),
        )
      ).name,
    ).toBe("LimitExceededException");
    expect(
      (
        await failure(
          t.api.updateMobileDeviceAccessRule({
            OrganizationId: t.org,
            MobileDeviceAccessRuleId: "nope",
            Name: "x",
            Effect: "ALLOW",
          }),
        )
      ).name,
    ).toBe("EntityNotFoundException");
    await expect(
      t.api.deleteMobileDeviceAccessRule({ OrganizationId: t.org, MobileDeviceAccessRuleId: "nope" }),
    ).resolves.toEqual({});
    expect(
      (
        await failure(
          t.api.createMobileDeviceAccessRule({ OrganizationId: t.org, Name: "x", Effect: "ALLOW", DeviceTypes: [] }),
        )
      ).name,
    ).toBe("ValidationException");
  });
});

describe("mobile device access overrides", () => {
  it("puts, updates, gets, lists and deletes an override, addressing the user by email and the device in any case", async () => {
    const bob = await t.user("bob");
    await t.api.putMobileDeviceAccessOverride({
      OrganizationId: t.org,
      UserId: "bob@acme.awsapps.com",
      DeviceId: DEVICE_ID,
      Effect: "DENY",
    });
    let o = await t.api.getMobileDeviceAccessOverride({
      OrganizationId: t.org,
      UserId: bob,
      DeviceId: DEVICE_ID.toLowerCase(),
    });
    expect(o).toMatchObject({ UserId: bob, DeviceId: DEVICE_ID, Effect: "DENY" });
    await t.api.putMobileDeviceAccessOverride({
      OrganizationId: t.org,
      UserId: "bob",
      DeviceId: DEVICE_ID,
      Effect: "ALLOW",
      Description: "MDM compliant",
    });
    o = await t.api.getMobileDeviceAccessOverride({ OrganizationId: t.org, UserId: bob, DeviceId: DEVICE_ID });
    expect(o).toMatchObject({ Effect: "ALLOW", Description: "MDM compliant" });
    const listed = await t.api.listMobileDeviceAccessOverrides({ OrganizationId: t.org });
    expect(listed.Overrides).toHaveLength(1);
    await t.api.deleteMobileDeviceAccessOverride({
      OrganizationId: t.org,
      UserId: "bob@acme.awsapps.com",
      DeviceId: DEVICE_ID,
    });
    expect(
      (await failure(t.api.getMobileDeviceAccessOverride({ OrganizationId: t.org, UserId: bob, DeviceId: DEVICE_ID })))
        .name,
    ).toBe("ResourceNotFoundException");
    await expect(
      t.api.deleteMobileDeviceAccessOverride({ OrganizationId: t.org, UserId: bob, DeviceId: DEVICE_ID }),
    ).resolves.toEqual({});
  });

  it("filters by user and device and pages with NextToken", async () => {
    const bob = await t.user("bob");
    const alice = await t.user("alice");
    for (const d of ["DEV1", "DEV2", "DEV3"])
      await t.api.putMobileDeviceAccessOverride({ OrganizationId: t.org, UserId: bob, DeviceId: d, Effect: "ALLOW" });
    await t.api.putMobileDeviceAccessOverride({
      OrganizationId: t.org,
      UserId: alice,
      DeviceId: "DEV1",
      Effect: "DENY",
    });
    const first = await t.api.listMobileDeviceAccessOverrides({ OrganizationId: t.org, UserId: "bob", MaxResults: 2 });
    expect(first.Overrides?.map((o) => o.DeviceId)).toEqual(["DEV1", "DEV2"]);
    const second = await t.api.listMobileDeviceAccessOverrides({
      OrganizationId: t.org,
      UserId: "bob",
      MaxResults: 2,
      NextToken: first.NextToken,
    });
    expect(second.Overrides?.map((o) => o.DeviceId)).toEqual(["DEV3"]);
    expect(second.NextToken).toBeUndefined();
    const byDevice = await t.api.listMobileDeviceAccessOverrides({ OrganizationId: t.org, DeviceId: "dev1" });
    expect(byDevice.Overrides?.map((o) => o.UserId).sort()).toEqual([alice, bob].sort());
    expect(
      (
        await failure(
          t.api.listMobileDeviceAccessOverrides({ OrganizationId: t.org, UserId: "alice", NextToken: first.NextToken }),
        )
      ).name,
    ).toBe("InvalidParameterException");
  });

  it("refuses unknown users and malformed device ids", async () => {
    expect(
      (
        await failure(
          t.api.putMobileDeviceAccessOverride({
            OrganizationId: t.org,
            UserId: "nobody",
            DeviceId: DEVICE_ID,
            Effect: "DENY",
          }),
        )
      ).name,
    ).toBe("EntityNotFoundException");
    await t.user("bob");
    expect(
      (
        await failure(
          t.api.putMobileDeviceAccessOverride({
            OrganizationId: t.org,
            UserId: "bob",
            DeviceId: "not-alnum!",
            Effect: "DENY",
          }),
        )
      ).name,
    ).toBe("ValidationException");
    expect(
      (await failure(t.api.listMobileDeviceAccessOverrides({ OrganizationId: t.org, UserId: "nobody" }))).name,
    ).toBe("EntityNotFoundException");
  });
});

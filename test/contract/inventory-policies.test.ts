import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WorkMailApi } from "../../src/backend/workmail-api.js";
import type { EntityIds, EntityNames, InventoryArea } from "../../src/inventory/area.js";
import { INVENTORY_AREAS } from "../../src/inventory/areas.js";
import { accessRulesArea } from "../../src/inventory/areas/access-rules.js";
import { availabilityArea } from "../../src/inventory/areas/availability.js";
import { impersonationRolesArea } from "../../src/inventory/areas/impersonation-roles.js";
import { mobileAccessArea } from "../../src/inventory/areas/mobile-access.js";
import { openPolicyOrg, type PolicyOrg } from "../helpers/policy-org.js";

let t: PolicyOrg;
let api: WorkMailApi;
let target: string;
beforeEach(async () => {
  t = await openPolicyOrg();
  api = t.api;
  target = (await api.createOrganization({ Alias: "acme2" })).OrganizationId as string;
  for (const name of ["bob", "alice", "ceo"]) {
    await t.user(name);
    const id = (await api.createUser({ OrganizationId: target, Name: name, DisplayName: name, Password: "Passw0rd!x" }))
      .UserId as string;
    await api.registerToWorkMail({ OrganizationId: target, EntityId: id, Email: `${name}@acme2.awsapps.com` });
  }
});
afterEach(() => t.close());

async function usersOf(org: string) {
  const users = (await api.listUsers({ OrganizationId: org })).Users ?? [];
  const names: EntityNames = {
    nameOf: (id) => users.find((u) => u.Id === id)?.Name,
    emailOf: (id) => users.find((u) => u.Id === id)?.Email,
  };
  const ids: EntityIds = { idOf: (ref) => users.find((u) => u.Name === ref || u.Email === ref)?.Id };
  return { names, ids };
}

async function roundTrip<T>(area: InventoryArea<T>) {
  const src = await usersOf(t.org);
  const dst = await usersOf(target);
  const collected = await area.collect(api, t.org, src.names);
  const steps = await area.restore(api, target, collected, dst.ids);
  const again = await area.collect(api, target, dst.names);
  return { collected, steps, again };
}

/** A source organization with something in every policy area. */
async function populate() {
  const o = t.org;
  const bob = await api
    .listUsers({ OrganizationId: o, Filters: { UsernamePrefix: "bob" } })
    .then((r) => r.Users?.[0]?.Id as string);
  const archiver = (
    await api.createImpersonationRole({
      OrganizationId: o,
      Name: "archiver",
      Type: "READ_ONLY",
      Description: "backups",
      Rules: [
        { ImpersonationRuleId: "all", Name: "all", Effect: "ALLOW" },
        {
          ImpersonationRuleId: "no-ceo",
          Name: "no-ceo",
          Description: "never the CEO",
          Effect: "DENY",
          TargetUsers: ["ceo"],
        },
      ],
    })
  ).ImpersonationRoleId as string;
  await api.createImpersonationRole({ OrganizationId: o, Name: "empty", Type: "FULL_ACCESS", Rules: [] });
  await api.deleteAccessControlRule({ OrganizationId: o, Name: "default" });
  await api.putAccessControlRule({
    OrganizationId: o,
    Name: "corp",
    Effect: "ALLOW",
    Description: "office",
    IpRanges: ["10.0.0.0/8"],
  });
  await api.putAccessControlRule({
    OrganizationId: o,
    Name: "eas",
    Effect: "ALLOW",
    Description: "phones",
    Actions: ["ActiveSync"],
  });
  await api.putAccessControlRule({
    OrganizationId: o,
    Name: "archiver-inside",
    Effect: "DENY",
    Description: "x",
    ImpersonationRoleIds: [archiver],
    NotIpRanges: ["10.0.0.0/8"],
  });
  await api.putAccessControlRule({
    OrganizationId: o,
    Name: "no-bob-imap",
    Effect: "DENY",
    Description: "x",
    Actions: ["IMAP"],
    UserIds: [bob],
    NotUserIds: [],
  });
  const def = (await api.listMobileDeviceAccessRules({ OrganizationId: o })).Rules?.[0]
    ?.MobileDeviceAccessRuleId as string;
  await api.deleteMobileDeviceAccessRule({ OrganizationId: o, MobileDeviceAccessRuleId: def });
  await api.createMobileDeviceAccessRule({
    OrganizationId: o,
    Name: "BlockAllAndroid",
    Effect: "DENY",
    DeviceTypes: ["android"],
  });
  await api.createMobileDeviceAccessRule({
    OrganizationId: o,
    Name: "AllowiOS",
    Description: "iOS 14+",
    Effect: "ALLOW",
    DeviceOperatingSystems: ["iOS 14"],
    NotDeviceModels: ["iPad"],
  });
  await api.putMobileDeviceAccessOverride({
    OrganizationId: o,
    UserId: "bob",
    DeviceId: "DEV1",
    Effect: "ALLOW",
    Description: "MDM",
  });
  await api.putRetentionPolicy({
    OrganizationId: o,
    Name: "std",
    Description: "a year",
    FolderConfigurations: [
      { Name: "INBOX", Action: "DELETE", Period: 365 },
      { Name: "DRAFTS", Action: "NONE" },
    ],
  });
  await api.putInboundDmarcSettings({ OrganizationId: o, Enforced: false });
  await api.putEmailMonitoringConfiguration({
    OrganizationId: o,
    LogGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:workmail-monitoring:*",
    RoleArn: "arn:aws:iam::111122223333:role/workmail-monitoring-role",
  });
  await api.createAvailabilityConfiguration({
    OrganizationId: o,
    DomainName: "gsuite.example.com",
    LambdaProvider: { LambdaArn: "arn:aws:lambda:us-east-1:111122223333:function:cap" },
  });
  await api.createAvailabilityConfiguration({
    OrganizationId: o,
    DomainName: "corp.example.com",
    EwsProvider: {
      EwsEndpoint: "https://mail.corp.example.com/EWS/Exchange.asmx",
      EwsUsername: "svc@corp.example.com",
      EwsPassword: "secret",
    },
  });
  const instance = "arn:aws:sso:::instance/ssoins-1234567890abcdef";
  const app = (await api.createIdentityCenterApplication({ Name: "WorkMail", InstanceArn: instance }))
    .ApplicationArn as string;
  await api.putIdentityProviderConfiguration({
    OrganizationId: o,
    AuthenticationMode: "IDENTITY_PROVIDER_AND_DIRECTORY",
    IdentityCenterConfiguration: { InstanceArn: instance, ApplicationArn: app },
    PersonalAccessTokenConfiguration: { Status: "ACTIVE", LifetimeInDays: 30 },
  });
  const arn = (await api.describeOrganization({ OrganizationId: o })).ARN as string;
  await api.tagResource({
    ResourceARN: arn,
    Tags: [
      { Key: "cost-center", Value: "1234" },
      { Key: "env", Value: "" },
    ],
  });
}

describe("policy inventory areas: collect -> restore into a fresh organization -> collect", () => {
  it("registers every policy area, roles before the access rules that name them", () => {
    const names = INVENTORY_AREAS.map((a) => a.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "impersonation-roles",
        "access-rules",
        "mobile-access",
        "retention",
        "org-settings",
        "availability",
        "identity-provider",
        "tags",
      ]),
    );
    expect(names.indexOf("impersonation-roles")).toBeLessThan(names.indexOf("access-rules"));
  });

  it("round-trips every area (EWS availability aside: its password is write-only)", async () => {
    await populate();
    for (const area of INVENTORY_AREAS) {
      const { collected, steps, again } = await roundTrip(area);
      expect(
        steps.filter((s) => s.result === "failed"),
        area.name,
      ).toEqual([]);
      if (area === availabilityArea) {
        expect(again).toEqual((collected as Array<{ provider: string }>).filter((c) => c.provider === "LAMBDA"));
        expect(steps.find((s) => s.target === "corp.example.com")).toMatchObject({
          result: "skipped",
          message: expect.stringContaining("--password-stdin"),
        });
      } else {
        expect(again, area.name).toEqual(collected);
      }
      expect(Object.keys(area.tables?.(collected as never) ?? {}).length, area.name).toBeGreaterThan(0);
      // A second restore (a second `apply`) finds everything in place and changes nothing.
      const second = await area.restore(api, target, collected, (await usersOf(target)).ids);
      expect(
        second.filter((s) => s.result !== "skipped"),
        area.name,
      ).toEqual([]);
    }
  });

  it("refers to users and roles by name, never by id", async () => {
    await populate();
    const src = await usersOf(t.org);
    const rules = await accessRulesArea.collect(api, t.org, src.names);
    expect(rules.find((r) => r.name === "no-bob-imap")).toEqual({
      name: "no-bob-imap",
      effect: "DENY",
      description: "x",
      protocols: ["IMAP"],
      users: ["bob"],
    });
    expect(rules.find((r) => r.name === "archiver-inside")?.roles).toEqual(["archiver"]);
    const roles = await impersonationRolesArea.collect(api, t.org, src.names);
    expect(roles[0]?.rules[1]).toEqual({
      id: "no-ceo",
      name: "no-ceo",
      description: "never the CEO",
      effect: "DENY",
      targetUsers: ["ceo"],
    });
    const mobile = await mobileAccessArea.collect(api, t.org, src.names);
    expect(mobile.overrides).toEqual([{ user: "bob", deviceId: "DEV1", effect: "ALLOW", description: "MDM" }]);
    expect(JSON.stringify([rules, roles, mobile])).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it("restoring an inventory without rules removes a fresh organization's allow-all defaults", async () => {
    const dst = await usersOf(target);
    await accessRulesArea.restore(api, target, [], dst.ids);
    await mobileAccessArea.restore(api, target, { rules: [], overrides: [] }, dst.ids);
    expect((await api.listAccessControlRules({ OrganizationId: target })).Rules).toEqual([]);
    expect((await api.listMobileDeviceAccessRules({ OrganizationId: target })).Rules).toEqual([]);
  });

  it("makes room within the 10-rule limit when the inventory has 10 rules of its own", async () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `r${i}`, effect: "ALLOW" as const, description: "x" }));
    const dst = await usersOf(target);
    const steps = await accessRulesArea.restore(api, target, ten, dst.ids);
    expect(steps.filter((s) => s.result === "failed")).toEqual([]);
    expect((await api.listAccessControlRules({ OrganizationId: target })).Rules?.map((r) => r.Name)).toEqual(
      ten.map((r) => r.name),
    );
  });

  it("fails one item, not the restore, when a user is missing in the target", async () => {
    const dst = await usersOf(target);
    const steps = await accessRulesArea.restore(
      api,
      target,
      [
        { name: "ghost", effect: "DENY", description: "x", users: ["ghost"] },
        { name: "ok", effect: "ALLOW", description: "x" },
      ],
      dst.ids,
    );
    expect(steps.map((s) => [s.target, s.result])).toEqual([
      ["ghost", "failed"],
      ["ok", "created"],
      ["default", "deleted"],
    ]);
    expect(steps[0]?.message).toContain('no user "ghost" in the target organization');
  });
});

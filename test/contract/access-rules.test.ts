import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { advanceClock } from "../../src/local-backend/index.js";
import { failure, openPolicyOrg, type PolicyOrg } from "../helpers/policy-org.js";

let t: PolicyOrg;
beforeEach(async () => {
  t = await openPolicyOrg();
});
afterEach(() => t.close());

const effect = (input: { Action: string; IpAddress: string; UserId?: string; ImpersonationRoleId?: string }) =>
  t.api.getAccessControlEffect({ OrganizationId: t.org, ...input });

describe("access control rules", () => {
  it("a new organization has the default allow-all rule", async () => {
    const { Rules } = await t.api.listAccessControlRules({ OrganizationId: t.org });
    expect(Rules).toEqual([
      expect.objectContaining({ Name: "default", Effect: "ALLOW", Description: "Default WorkMail Rule" }),
    ]);
    expect(Rules?.[0]?.Actions).toBeUndefined();
    const bob = await t.user("bob");
    expect(await effect({ Action: "IMAP", IpAddress: "203.0.113.9", UserId: bob })).toEqual({
      Effect: "ALLOW",
      MatchedRules: ["default"],
    });
  });

  it("puts a rule with every member, lists it back, and a rule of the same name replaces it", async () => {
    const bob = await t.user("bob");
    const alice = await t.user("alice");
    const role = (
      await t.api.createImpersonationRole({ OrganizationId: t.org, Name: "svc", Type: "READ_ONLY", Rules: [] })
    ).ImpersonationRoleId as string;
    await t.api.putAccessControlRule({
      OrganizationId: t.org,
      Name: "corp-only",
      Effect: "DENY",
      Description: "Outside the office: ActiveSync only",
      Actions: ["imap", "EWS"],
      NotActions: ["ActiveSync"],
      IpRanges: ["0.0.0.0/0"],
      NotIpRanges: ["10.0.0.0/8"],
      UserIds: [bob],
      NotUserIds: [alice],
      ImpersonationRoleIds: [role],
      NotImpersonationRoleIds: [],
    });
    let rule = (await t.api.listAccessControlRules({ OrganizationId: t.org })).Rules?.find(
      (r) => r.Name === "corp-only",
    );
    expect(rule).toMatchObject({
      Effect: "DENY",
      Actions: ["IMAP", "EWS"],
      NotActions: ["ActiveSync"],
      IpRanges: ["0.0.0.0/0"],
      NotIpRanges: ["10.0.0.0/8"],
      UserIds: [bob],
      NotUserIds: [alice],
      ImpersonationRoleIds: [role],
    });
    expect(rule?.NotImpersonationRoleIds).toBeUndefined();
    const created = rule?.DateCreated;
    advanceClock(t.backend.db, 60_000);
    await t.api.putAccessControlRule({
      OrganizationId: t.org,
      Name: "corp-only",
      Effect: "ALLOW",
      Description: "replaced",
    });
    rule = (await t.api.listAccessControlRules({ OrganizationId: t.org })).Rules?.find((r) => r.Name === "corp-only");
    expect(rule).toMatchObject({ Effect: "ALLOW", Description: "replaced" });
    expect(rule?.UserIds).toBeUndefined();
    expect(rule?.DateCreated).toEqual(created);
    expect((rule?.DateModified?.getTime() ?? 0) - (created?.getTime() ?? 0)).toBeGreaterThanOrEqual(60_000);
    expect((await t.api.listAccessControlRules({ OrganizationId: t.org })).Rules).toHaveLength(2);
  });

  it("deleting every rule blocks all access; a matching DENY wins; no matching rule denies", async () => {
    const bob = await t.user("bob");
    await t.api.putAccessControlRule({
      OrganizationId: t.org,
      Name: "no-imap",
      Effect: "DENY",
      Description: "no IMAP",
      Actions: ["IMAP"],
    });
    expect(await effect({ Action: "IMAP", IpAddress: "10.0.0.1", UserId: bob })).toEqual({
      Effect: "DENY",
      MatchedRules: ["no-imap"],
    });
    expect(await effect({ Action: "EWS", IpAddress: "10.0.0.1", UserId: bob })).toEqual({
      Effect: "ALLOW",
      MatchedRules: ["default"],
    });
    await t.api.deleteAccessControlRule({ OrganizationId: t.org, Name: "default" });
    expect(await effect({ Action: "EWS", IpAddress: "10.0.0.1", UserId: bob })).toEqual({
      Effect: "DENY",
      MatchedRules: [],
    });
    await t.api.deleteAccessControlRule({ OrganizationId: t.org, Name: "no-imap" });
    expect((await t.api.listAccessControlRules({ OrganizationId: t.org })).Rules).toEqual([]);
    expect((await effect({ Action: "WebMail", IpAddress: "10.0.0.1", UserId: bob })).Effect).toBe("DENY");
  });

  it("deleting a rule that does not exist succeeds", async () => {
    await expect(t.api.deleteAccessControlRule({ OrganizationId: t.org, Name: "never-was" })).resolves.toEqual({});
  });

  it("allows at most 10 rules per organization", async () => {
    for (let i = 1; i < 10; i++)
      await t.api.putAccessControlRule({ OrganizationId: t.org, Name: `r${i}`, Effect: "ALLOW", Description: "x" });
    const e = await failure(
      t.api.putAccessControlRule({ OrganizationId: t.org, Name: "r10", Effect: "ALLOW", Description: "x" }),
    );
    expect(e.name).toBe("LimitExceededException");
    // Replacing an existing one is still fine at the limit.
    await t.api.putAccessControlRule({ OrganizationId: t.org, Name: "r9", Effect: "DENY", Description: "y" });
  });

  it("refuses unknown actions, users and roles, and malformed ranges", async () => {
    const put = (more: Record<string, unknown>) =>
      t.api.putAccessControlRule({ OrganizationId: t.org, Name: "x", Effect: "ALLOW", Description: "x", ...more });
    expect(await failure(put({ Actions: ["Telnet"] }))).toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringContaining("Invalid action: Telnet"),
    });
    expect((await failure(put({ UserIds: ["00000000-0000-0000-0000-000000000000"] }))).name).toBe(
      "EntityNotFoundException",
    );
    expect((await failure(put({ ImpersonationRoleIds: ["no-such-role"] }))).name).toBe("ResourceNotFoundException");
    const bad = await failure(put({ IpRanges: ["10.0.0.0/33"] }));
    expect(bad.name).toBe("ValidationException");
    expect(bad.message).toContain("Value '10.0.0.0/33' at 'ipRanges.1.member'");
    expect((await failure(put({ Name: "has space" }))).name).toBe("ValidationException");
    expect((await failure(put({ Actions: Array.from({ length: 11 }, () => "EWS") }))).name).toBe("ValidationException");
  });

  it("GetAccessControlEffect needs exactly one of user and role; roles only with EWS", async () => {
    const bob = await t.user("bob");
    const role = (
      await t.api.createImpersonationRole({ OrganizationId: t.org, Name: "svc", Type: "FULL_ACCESS", Rules: [] })
    ).ImpersonationRoleId as string;
    expect((await failure(effect({ Action: "EWS", IpAddress: "10.0.0.1" }))).name).toBe("InvalidParameterException");
    expect(
      (await failure(effect({ Action: "EWS", IpAddress: "10.0.0.1", UserId: bob, ImpersonationRoleId: role }))).name,
    ).toBe("InvalidParameterException");
    expect(await failure(effect({ Action: "IMAP", IpAddress: "10.0.0.1", ImpersonationRoleId: role }))).toMatchObject({
      name: "InvalidParameterException",
      message: "Impersonation role ID can only be used with Action EWS.",
    });
    expect(await effect({ Action: "EWS", IpAddress: "10.0.0.1", ImpersonationRoleId: role })).toEqual({
      Effect: "ALLOW",
      MatchedRules: ["default"],
    });
    expect((await failure(effect({ Action: "EWS", IpAddress: "10.0.0.1", ImpersonationRoleId: "nope" }))).name).toBe(
      "ResourceNotFoundException",
    );
    expect(
      (await failure(effect({ Action: "EWS", IpAddress: "10.0.0.1", UserId: "00000000-0000-0000-0000-000000000000" })))
        .name,
    ).toBe("EntityNotFoundException");
    expect((await failure(effect({ Action: "Telnet", IpAddress: "10.0.0.1", UserId: bob }))).name).toBe(
      "InvalidParameterException",
    );
    expect((await failure(effect({ Action: "EWS", IpAddress: "10.0.0.256", UserId: bob }))).name).toBe(
      "ValidationException",
    );
  });

  it("answers OrganizationNotFoundException for an unknown organization", async () => {
    const e = await failure(t.api.listAccessControlRules({ OrganizationId: "m-00000000000000000000000000000000" }));
    expect(e.name).toBe("OrganizationNotFoundException");
  });
});

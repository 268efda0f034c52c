import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { advanceClock } from "../../src/local-backend/index.js";
import { verifyImpersonationToken } from "../../src/local-backend/operations/impersonation-store.js";
import { failure, openPolicyOrg, type PolicyOrg } from "../helpers/policy-org.js";

let t: PolicyOrg;
beforeEach(async () => {
  t = await openPolicyOrg();
});
afterEach(() => t.close());

const create = (
  Name: string,
  Rules: Parameters<PolicyOrg["api"]["createImpersonationRole"]>[0]["Rules"],
  Type: "FULL_ACCESS" | "READ_ONLY" = "FULL_ACCESS",
) =>
  t.api
    .createImpersonationRole({ OrganizationId: t.org, Name, Type, Rules })
    .then((r) => r.ImpersonationRoleId as string);
const effect = (ImpersonationRoleId: string, TargetUser: string) =>
  t.api.getImpersonationRoleEffect({ OrganizationId: t.org, ImpersonationRoleId, TargetUser });

describe("impersonation roles", () => {
  it("creates a role whose rules name users by name or email, and reads them back as ids", async () => {
    const bob = await t.user("bob");
    const ceo = await t.user("ceo");
    const id = await create(
      "helpdesk",
      [
        { ImpersonationRuleId: "allow-all", Name: "allow-all", Effect: "ALLOW" },
        {
          ImpersonationRuleId: "protect-ceo",
          Name: "protect-ceo",
          Description: "never the CEO",
          Effect: "DENY",
          TargetUsers: ["ceo@acme.awsapps.com"],
        },
        { ImpersonationRuleId: "others", Effect: "ALLOW", NotTargetUsers: ["bob"] },
      ],
      "READ_ONLY",
    );
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const role = await t.api.getImpersonationRole({ OrganizationId: t.org, ImpersonationRoleId: id });
    expect(role).toMatchObject({ ImpersonationRoleId: id, Name: "helpdesk", Type: "READ_ONLY" });
    expect(role.Rules?.[1]).toEqual({
      ImpersonationRuleId: "protect-ceo",
      Name: "protect-ceo",
      Description: "never the CEO",
      Effect: "DENY",
      TargetUsers: [ceo],
    });
    expect(role.Rules?.[2]?.NotTargetUsers).toEqual([bob]);
    expect(role.DateCreated).toBeInstanceOf(Date);
  });

  it("evaluates rules: no rules impersonates nobody, ALLOW without conditions everybody, DENY wins", async () => {
    await t.user("bob");
    await t.user("ceo");
    const empty = await create("empty", []);
    expect(await effect(empty, "bob")).toEqual({ Type: "FULL_ACCESS", Effect: "DENY", MatchedRules: [] });
    const role = await create("helpdesk", [
      { ImpersonationRuleId: "r1", Name: "allow-all", Effect: "ALLOW" },
      { ImpersonationRuleId: "r2", Name: "protect-ceo", Effect: "DENY", TargetUsers: ["ceo"] },
    ]);
    expect(await effect(role, "bob@acme.awsapps.com")).toEqual({
      Type: "FULL_ACCESS",
      Effect: "ALLOW",
      MatchedRules: [{ ImpersonationRuleId: "r1", Name: "allow-all" }],
    });
    expect(await effect(role, "ceo")).toEqual({
      Type: "FULL_ACCESS",
      Effect: "DENY",
      MatchedRules: [{ ImpersonationRuleId: "r2", Name: "protect-ceo" }],
    });
  });

  it("updates replace name, type, description and rules; names stay unique", async () => {
    await t.user("bob");
    const a = await create("a", []);
    await create("b", []);
    await t.api.updateImpersonationRole({
      OrganizationId: t.org,
      ImpersonationRoleId: a,
      Name: "a2",
      Type: "READ_ONLY",
      Description: "now useful",
      Rules: [{ ImpersonationRuleId: "all", Effect: "ALLOW" }],
    });
    expect(await effect(a, "bob")).toMatchObject({ Type: "READ_ONLY", Effect: "ALLOW" });
    expect(
      (
        await failure(
          t.api.updateImpersonationRole({
            OrganizationId: t.org,
            ImpersonationRoleId: a,
            Name: "B",
            Type: "READ_ONLY",
            Rules: [],
          }),
        )
      ).name,
    ).toBe("InvalidParameterException");
    expect((await failure(create("A2", []))).name).toBe("InvalidParameterException");
    const listed = await t.api.listImpersonationRoles({ OrganizationId: t.org });
    expect(listed.Roles?.map((r) => [r.Name, r.Type])).toEqual([
      ["a2", "READ_ONLY"],
      ["b", "FULL_ACCESS"],
    ]);
  });

  it("refuses unknown target users, duplicate rule ids, and more than 20 roles", async () => {
    expect(
      (await failure(create("x", [{ ImpersonationRuleId: "r", Effect: "ALLOW", TargetUsers: ["ghost"] }]))).name,
    ).toBe("EntityNotFoundException");
    await t.user("bob");
    expect(
      (
        await failure(
          create("x", [
            { ImpersonationRuleId: "r", Effect: "ALLOW" },
            { ImpersonationRuleId: "r", Effect: "DENY" },
          ]),
        )
      ).name,
    ).toBe("InvalidParameterException");
    expect((await failure(create("x", [{ ImpersonationRuleId: "r", Effect: "ALLOW", TargetUsers: [] }]))).name).toBe(
      "ValidationException",
    );
    for (let i = 0; i < 20; i++) await create(`role-${i}`, []);
    expect((await failure(create("role-21", []))).name).toBe("LimitExceededException");
    expect(
      (await failure(t.api.getImpersonationRole({ OrganizationId: t.org, ImpersonationRoleId: "nope" }))).name,
    ).toBe("ResourceNotFoundException");
    await expect(
      t.api.deleteImpersonationRole({ OrganizationId: t.org, ImpersonationRoleId: "nope" }),
    ).resolves.toEqual({});
  });

  it("tests only enabled users as targets", async () => {
    await t.user("dora", false);
    const role = await create("r", [{ ImpersonationRuleId: "all", Effect: "ALLOW" }]);
    expect((await failure(effect(role, "dora"))).name).toBe("EntityStateException");
    expect((await failure(effect(role, "ghost"))).name).toBe("EntityNotFoundException");
  });

  it("pages roles with NextToken", async () => {
    for (let i = 0; i < 5; i++) await create(`role-${i}`, []);
    const first = await t.api.listImpersonationRoles({ OrganizationId: t.org, MaxResults: 3 });
    const second = await t.api.listImpersonationRoles({
      OrganizationId: t.org,
      MaxResults: 3,
      NextToken: first.NextToken,
    });
    expect([...(first.Roles ?? []), ...(second.Roles ?? [])].map((r) => r.Name)).toEqual([
      "role-0",
      "role-1",
      "role-2",
      "role-3",
      "role-4",
    ]);
    expect(second.NextToken).toBeUndefined();
  });
});

describe("AssumeImpersonationRole", () => {
  it("returns a token valid for 15 minutes of simulator time", async () => {
    const role = await create("svc", [{ ImpersonationRuleId: "all", Effect: "ALLOW" }]);
    const { Token, ExpiresIn } = await t.api.assumeImpersonationRole({
      OrganizationId: t.org,
      ImpersonationRoleId: role,
    });
    expect(ExpiresIn).toBe(900);
    expect(Token).toMatch(/^[\x21-\x7e]{20,256}$/);
    expect(t.backend.tx((sim) => verifyImpersonationToken(sim, Token as string))).toMatchObject({
      orgId: t.org,
      roleId: role,
    });
    advanceClock(t.backend.db, 14 * 60_000);
    expect(t.backend.tx((sim) => verifyImpersonationToken(sim, Token as string))).toBeDefined();
    advanceClock(t.backend.db, 61_000);
    expect(t.backend.tx((sim) => verifyImpersonationToken(sim, Token as string))).toBeUndefined();
    expect(t.backend.tx((sim) => verifyImpersonationToken(sim, "forged-token"))).toBeUndefined();
  });

  it("keeps only a hash of the token, and deleting the role revokes it", async () => {
    const role = await create("svc", []);
    const { Token } = await t.api.assumeImpersonationRole({ OrganizationId: t.org, ImpersonationRoleId: role });
    const stored = t.backend.tx((sim) =>
      sim.db.prepare<[], { token_hash: string }>("SELECT token_hash FROM impersonation_tokens").all(),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toContain(Token as string);
    await t.api.deleteImpersonationRole({ OrganizationId: t.org, ImpersonationRoleId: role });
    expect(t.backend.tx((sim) => verifyImpersonationToken(sim, Token as string))).toBeUndefined();
    expect(
      (await failure(t.api.assumeImpersonationRole({ OrganizationId: t.org, ImpersonationRoleId: role }))).name,
    ).toBe("ResourceNotFoundException");
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { advanceClock } from "../../src/local-backend/index.js";
import { issuePersonalAccessToken } from "../../src/local-backend/operations/personal-access-tokens.js";
import { failure, openPolicyOrg, type PolicyOrg } from "../helpers/policy-org.js";

let t: PolicyOrg;
beforeEach(async () => {
  t = await openPolicyOrg();
});
afterEach(() => t.close());

const INSTANCE = "arn:aws:sso:::instance/ssoins-1234567890abcdef";
const app = async () =>
  (await t.api.createIdentityCenterApplication({ Name: "WorkMail", InstanceArn: INSTANCE })).ApplicationArn as string;
const configure = (
  ApplicationArn: string,
  Status: "ACTIVE" | "INACTIVE" = "ACTIVE",
  LifetimeInDays: number | null = 30,
) =>
  t.api.putIdentityProviderConfiguration({
    OrganizationId: t.org,
    AuthenticationMode: "IDENTITY_PROVIDER_AND_DIRECTORY",
    IdentityCenterConfiguration: { InstanceArn: INSTANCE, ApplicationArn },
    PersonalAccessTokenConfiguration: { Status, ...(LifetimeInDays === null ? {} : { LifetimeInDays }) },
  });

describe("Identity Center application and identity provider configuration", () => {
  it("creates an application with the model's ARN shape, idempotently with a client token", async () => {
    const a = await t.api.createIdentityCenterApplication({
      Name: "WorkMail",
      InstanceArn: INSTANCE,
      ClientToken: "c1",
    });
    expect(a.ApplicationArn).toMatch(
      new RegExp(`^arn:aws:sso::${t.backend.accountId}:application/ssoins-1234567890abcdef/apl-[a-z0-9]{16}$`),
    );
    const b = await t.api.createIdentityCenterApplication({
      Name: "WorkMail",
      InstanceArn: INSTANCE,
      ClientToken: "c1",
    });
    expect(b.ApplicationArn).toBe(a.ApplicationArn);
    expect(
      (
        await failure(
          t.api.createIdentityCenterApplication({ Name: "Other", InstanceArn: INSTANCE, ClientToken: "c1" }),
        )
      ).name,
    ).toBe("InvalidParameterException");
    expect(
      (await failure(t.api.createIdentityCenterApplication({ Name: "x", InstanceArn: "arn:aws:sso:::instance/nope" })))
        .name,
    ).toBe("ValidationException");
  });

  it("puts, describes and deletes the configuration; an application in use cannot be deleted", async () => {
    const arn = await app();
    expect((await failure(t.api.describeIdentityProviderConfiguration({ OrganizationId: t.org }))).name).toBe(
      "ResourceNotFoundException",
    );
    await configure(arn);
    expect(await t.api.describeIdentityProviderConfiguration({ OrganizationId: t.org })).toEqual({
      AuthenticationMode: "IDENTITY_PROVIDER_AND_DIRECTORY",
      IdentityCenterConfiguration: { InstanceArn: INSTANCE, ApplicationArn: arn },
      PersonalAccessTokenConfiguration: { Status: "ACTIVE", LifetimeInDays: 30 },
    });
    expect((await failure(t.api.deleteIdentityCenterApplication({ ApplicationArn: arn }))).name).toBe(
      "OrganizationStateException",
    );
    await t.api.deleteIdentityProviderConfiguration({ OrganizationId: t.org });
    await t.api.deleteIdentityProviderConfiguration({ OrganizationId: t.org });
    await t.api.deleteIdentityCenterApplication({ ApplicationArn: arn });
    expect((await failure(configure(arn))).name).toBe("ResourceNotFoundException");
  });

  it("refuses an application of another Identity Center instance", async () => {
    const arn = await app();
    const e = await failure(
      t.api.putIdentityProviderConfiguration({
        OrganizationId: t.org,
        AuthenticationMode: "IDENTITY_PROVIDER_ONLY",
        IdentityCenterConfiguration: {
          InstanceArn: "arn:aws:sso:::instance/ssoins-ffffffffffffffff",
          ApplicationArn: arn,
        },
        PersonalAccessTokenConfiguration: { Status: "INACTIVE" },
      }),
    );
    expect(e.name).toBe("InvalidParameterException");
    expect((await failure(configure(arn, "ACTIVE", 4000))).name).toBe("ValidationException");
  });
});

describe("personal access tokens", () => {
  it("lists, describes and deletes tokens users created; they expire after the configured lifetime", async () => {
    const bob = await t.user("bob");
    const alice = await t.user("alice");
    await configure(await app(), "ACTIVE", 90);
    const issued = t.backend.tx((sim) =>
      issuePersonalAccessToken(sim, t.org, "bob@acme.awsapps.com", "laptop", ["IMAP", "SMTP"]),
    );
    t.backend.tx((sim) => issuePersonalAccessToken(sim, t.org, "alice", "phone", ["EWS"]));
    const now = t.backend.tx((sim) => sim.now.getTime());
    const meta = await t.api.getPersonalAccessTokenMetadata({
      OrganizationId: t.org,
      PersonalAccessTokenId: issued.id,
    });
    expect(meta).toMatchObject({
      PersonalAccessTokenId: issued.id,
      UserId: bob,
      Name: "laptop",
      Scopes: ["IMAP", "SMTP"],
    });
    expect((meta.ExpiresTime?.getTime() ?? 0) - now).toBeGreaterThan(89 * 86_400_000);
    expect(JSON.stringify(meta)).not.toContain(issued.token);
    const all = await t.api.listPersonalAccessTokens({ OrganizationId: t.org });
    expect(all.PersonalAccessTokenSummaries?.map((s) => s.UserId)).toEqual([bob, alice]);
    const bobs = await t.api.listPersonalAccessTokens({ OrganizationId: t.org, UserId: "bob" });
    expect(bobs.PersonalAccessTokenSummaries?.map((s) => s.Name)).toEqual(["laptop"]);
    await t.api.deletePersonalAccessToken({ OrganizationId: t.org, PersonalAccessTokenId: issued.id });
    await t.api.deletePersonalAccessToken({ OrganizationId: t.org, PersonalAccessTokenId: issued.id });
    expect(
      (await failure(t.api.getPersonalAccessTokenMetadata({ OrganizationId: t.org, PersonalAccessTokenId: issued.id })))
        .name,
    ).toBe("ResourceNotFoundException");
    expect((await failure(t.api.listPersonalAccessTokens({ OrganizationId: t.org, UserId: "ghost" }))).name).toBe(
      "EntityNotFoundException",
    );
  });

  it("can only be created while tokens are ACTIVE, by enabled users", async () => {
    await t.user("bob");
    await t.user("dora", false);
    expect(() => t.backend.tx((sim) => issuePersonalAccessToken(sim, t.org, "bob", "x", ["IMAP"]))).toThrow(
      /not ACTIVE/,
    );
    const arn = await app();
    await configure(arn, "INACTIVE");
    expect(() => t.backend.tx((sim) => issuePersonalAccessToken(sim, t.org, "bob", "x", ["IMAP"]))).toThrow(
      /not ACTIVE/,
    );
    await configure(arn, "ACTIVE", null);
    expect(() => t.backend.tx((sim) => issuePersonalAccessToken(sim, t.org, "dora", "x", ["IMAP"]))).toThrow(
      /DISABLED/,
    );
    const noExpiry = t.backend.tx((sim) => issuePersonalAccessToken(sim, t.org, "bob", "x", ["IMAP"]));
    expect(noExpiry.expiresTime).toBeUndefined();
    advanceClock(t.backend.db, 1000);
    const list = await t.api.listPersonalAccessTokens({ OrganizationId: t.org, MaxResults: 1 });
    expect(list.PersonalAccessTokenSummaries).toHaveLength(1);
  });
});

describe("tags", () => {
  const arnOf = async () => (await t.api.describeOrganization({ OrganizationId: t.org })).ARN as string;

  it("tags, lists and untags an organization; a key is set once", async () => {
    const arn = await arnOf();
    await t.api.tagResource({
      ResourceARN: arn,
      Tags: [
        { Key: "cost-center", Value: "1234" },
        { Key: "env", Value: "" },
      ],
    });
    await t.api.tagResource({ ResourceARN: arn, Tags: [{ Key: "cost-center", Value: "5678" }] });
    expect((await t.api.listTagsForResource({ ResourceARN: arn })).Tags).toEqual([
      { Key: "cost-center", Value: "5678" },
      { Key: "env", Value: "" },
    ]);
    await t.api.untagResource({ ResourceARN: arn, TagKeys: ["env", "not-there"] });
    expect((await t.api.listTagsForResource({ ResourceARN: arn })).Tags).toEqual([
      { Key: "cost-center", Value: "5678" },
    ]);
  });

  it("allows at most 50 tags (TooManyTagsException), counting the ones already there", async () => {
    const arn = await arnOf();
    const tags = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ Key: `k${from + i}`, Value: "v" }));
    await t.api.tagResource({ ResourceARN: arn, Tags: tags(0, 45) });
    expect((await failure(t.api.tagResource({ ResourceARN: arn, Tags: tags(45, 6) }))).name).toBe(
      "TooManyTagsException",
    );
    await t.api.tagResource({ ResourceARN: arn, Tags: [...tags(45, 5), ...tags(0, 3)] });
    expect((await t.api.listTagsForResource({ ResourceARN: arn })).Tags).toHaveLength(50);
    expect((await failure(t.api.tagResource({ ResourceARN: arn, Tags: tags(100, 51) }))).name).toBe(
      "ValidationException",
    );
  });

  it("refuses unknown resources, reserved keys and over-long keys", async () => {
    const arn = await arnOf();
    const otherOrg = arn.replace(/m-[0-9a-f]{32}$/, "m-00000000000000000000000000000000");
    expect((await failure(t.api.listTagsForResource({ ResourceARN: otherOrg }))).name).toBe(
      "ResourceNotFoundException",
    );
    expect(
      (await failure(t.api.tagResource({ ResourceARN: arn.replace("us-east-1", "eu-west-1"), Tags: [] }))).name,
    ).toBe("ResourceNotFoundException");
    expect(
      (await failure(t.api.tagResource({ ResourceARN: arn, Tags: [{ Key: "aws:createdBy", Value: "x" }] }))).name,
    ).toBe("InvalidParameterException");
    expect(
      (await failure(t.api.tagResource({ ResourceARN: arn, Tags: [{ Key: "k".repeat(129), Value: "x" }] }))).name,
    ).toBe("ValidationException");
    await t.api.deleteOrganization({ OrganizationId: t.org, DeleteDirectory: true });
    expect((await failure(t.api.listTagsForResource({ ResourceARN: arn }))).name).toBe("ResourceNotFoundException");
  });
});

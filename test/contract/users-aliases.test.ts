import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WorkMailApi } from "../../src/backend/workmail-api.js";
import { LocalBackend } from "../../src/local-backend/index.js";
import { verifyPassword } from "../../src/local-backend/operations/entities.js";
import { targetApi, type TargetApi } from "../helpers/wire-target.js";

// Users, addresses, aliases and DescribeEntity: in-process, and (project "wire") through the SDK
// against the served store. `sim` is the store itself (its tables), `api` the API under test.
let dir: string;
let sim: LocalBackend & WorkMailApi;
let target: TargetApi;
let api: WorkMailApi;
let org: string;
const PW = "Passw0rd!";

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-users-"));
  sim = await LocalBackend.open({ dir, region: "us-east-1" });
  target = await targetApi(dir, sim);
  api = target.api;
  org = (await api.createOrganization({ Alias: "acme", Domains: [{ DomainName: "pending.example" }] }))
    .OrganizationId as string;
});
afterEach(async () => {
  await target.close();
  sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The service's error name (and message) of a failing call. */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  throw new Error("expected the call to fail");
}

async function user(name: string, email?: string): Promise<string> {
  const { UserId } = await api.createUser({ OrganizationId: org, Name: name, DisplayName: name, Password: PW });
  if (email !== undefined) await api.registerToWorkMail({ OrganizationId: org, EntityId: UserId, Email: email });
  return UserId as string;
}

/** A second verified domain, as `wmctl domain` would leave it (the domains area is another module). */
function verifiedDomain(domain: string): void {
  sim.tx((s) =>
    s.db
      .prepare(
        "INSERT INTO mail_domains (org_id, domain, ownership_status, dkim_status, created_at) VALUES (?, ?, 'VERIFIED', 'VERIFIED', 0)",
      )
      .run(org, domain),
  );
}

describe("CreateUser", () => {
  it("creates a disabled USER by default, described by id, name or (once enabled) address", async () => {
    const id = await user("bob");
    const d = await api.describeUser({ OrganizationId: org, UserId: "bob" });
    expect(d).toMatchObject({
      UserId: id,
      Name: "bob",
      State: "DISABLED",
      UserRole: "USER",
      HiddenFromGlobalAddressList: false,
    });
    expect(d.Email).toBeUndefined();
    await api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: "Bob@ACME.awsapps.com" });
    expect((await api.describeUser({ OrganizationId: org, UserId: "bob@acme.awsapps.com" })).Email).toBe(
      "bob@acme.awsapps.com",
    );
  });

  it("stores only a salted hash of the password, which ResetPassword replaces", async () => {
    const id = await user("bob");
    const stored = () =>
      sim.tx(
        (s) =>
          s.db.prepare<[string], { password_hash: string }>("SELECT password_hash FROM entities WHERE id = ?").get(id)
            ?.password_hash ?? null,
      );
    expect(stored()).toMatch(/^scrypt\$/);
    expect(verifyPassword(PW, stored())).toBe(true);
    await api.resetPassword({ OrganizationId: org, UserId: id, Password: "N3w-password" });
    expect(verifyPassword(PW, stored())).toBe(false);
    expect(verifyPassword("N3w-password", stored())).toBe(true);
  });

  it("refuses a password outside the policy with InvalidPasswordException", async () => {
    expect(
      await failure(api.createUser({ OrganizationId: org, Name: "bob", DisplayName: "Bob", Password: "password" })),
    ).toMatch(/^InvalidPasswordException: .*three of these groups/);
    expect((await api.listUsers({ OrganizationId: org })).Users).toEqual([]);
  });

  it("keeps names unique across the organization, case-insensitively, and reserves built-ins", async () => {
    await user("bob");
    expect(await failure(api.createUser({ OrganizationId: org, Name: "BOB", DisplayName: "x" }))).toMatch(
      /^NameAvailabilityException: /,
    );
    expect(await failure(api.createUser({ OrganizationId: org, Name: "Administrator", DisplayName: "x" }))).toMatch(
      /^ReservedNameException: /,
    );
  });

  it("accepts USER and REMOTE_USER only, and gives a REMOTE_USER no mailbox", async () => {
    expect(
      await failure(api.createUser({ OrganizationId: org, Name: "sys", DisplayName: "x", Role: "SYSTEM_USER" })),
    ).toMatch(/^InvalidParameterException: /);
    const { UserId } = await api.createUser({
      OrganizationId: org,
      Name: "partner",
      DisplayName: "Partner",
      Role: "REMOTE_USER",
    });
    await api.registerToWorkMail({ OrganizationId: org, EntityId: UserId, Email: "partner@acme.awsapps.com" });
    const d = await api.describeUser({ OrganizationId: org, UserId: UserId as string });
    expect(d).toMatchObject({ State: "ENABLED", UserRole: "REMOTE_USER" });
    expect(d.MailboxProvisionedDate).toBeUndefined();
  });
});

describe("ListUsers", () => {
  it("pages with opaque tokens, and filters by one criterion, case-sensitively", async () => {
    for (const n of ["ann", "anna", "bob", "Andy"]) await user(n, `${n.toLowerCase()}@acme.awsapps.com`);
    await api.deregisterFromWorkMail({ OrganizationId: org, EntityId: "bob" });
    const p1 = await api.listUsers({ OrganizationId: org, MaxResults: 3 });
    expect(p1.Users?.map((u) => u.Name)).toEqual(["ann", "anna", "bob"]);
    const p2 = await api.listUsers({ OrganizationId: org, MaxResults: 3, NextToken: p1.NextToken });
    expect(p2.Users?.map((u) => u.Name)).toEqual(["Andy"]);
    expect(p2.NextToken).toBeUndefined();
    const names = async (Filters: object) =>
      (await api.listUsers({ OrganizationId: org, Filters })).Users?.map((u) => u.Name);
    expect(await names({ UsernamePrefix: "an" })).toEqual(["ann", "anna"]);
    expect(await names({ PrimaryEmailPrefix: "and" })).toEqual(["Andy"]);
    expect(await names({ State: "DISABLED" })).toEqual(["bob"]);
    expect(
      await failure(api.listUsers({ OrganizationId: org, Filters: { UsernamePrefix: "a", State: "ENABLED" } })),
    ).toMatch(/^InvalidParameterException: You can only use one filter per request/);
    expect(
      await failure(
        api.listUsers({ OrganizationId: org, MaxResults: 3, NextToken: p1.NextToken, Filters: { State: "ENABLED" } }),
      ),
    ).toMatch(/^InvalidParameterException: /);
  });
});

describe("UpdateUser, ResetPassword, DeleteUser", () => {
  it("sets and clears attributes", async () => {
    await user("bob");
    await api.updateUser({
      OrganizationId: org,
      UserId: "bob",
      JobTitle: "Lead",
      Office: "HQ",
      DisplayName: "Bob S",
      HiddenFromGlobalAddressList: true,
    });
    await api.updateUser({ OrganizationId: org, UserId: "bob", Office: "" });
    const d = await api.describeUser({ OrganizationId: org, UserId: "bob" });
    expect(d).toMatchObject({ JobTitle: "Lead", DisplayName: "Bob S", HiddenFromGlobalAddressList: true });
    expect(d.Office).toBeUndefined();
  });

  it("takes the user's id in ResetPassword and checks the policy", async () => {
    const id = await user("bob-the-builder");
    expect(await failure(api.resetPassword({ OrganizationId: org, UserId: "bob-the-builder", Password: PW }))).toMatch(
      /^EntityNotFoundException: /,
    );
    expect(await failure(api.resetPassword({ OrganizationId: org, UserId: id, Password: "short" }))).toMatch(
      /^InvalidPasswordException: /,
    );
    await api.resetPassword({ OrganizationId: org, UserId: id, Password: "N3w-password" });
  });

  it("deletes only a disabled user, and frees its name and addresses", async () => {
    const id = await user("bob", "bob@acme.awsapps.com");
    expect(await failure(api.deleteUser({ OrganizationId: org, UserId: id }))).toMatch(
      /^EntityStateException: .*disable/,
    );
    await api.deregisterFromWorkMail({ OrganizationId: org, EntityId: id });
    await api.deleteUser({ OrganizationId: org, UserId: id });
    expect((await api.describeUser({ OrganizationId: org, UserId: id })).State).toBe("DELETED");
    expect(await failure(api.describeUser({ OrganizationId: org, UserId: "bob" }))).toMatch(
      /^EntityNotFoundException: /,
    );
    await user("bob", "bob@acme.awsapps.com");
  });
});

describe("RegisterToWorkMail and DeregisterFromWorkMail", () => {
  it("needs an address on a domain of the organization that is verified", async () => {
    const id = await user("bob");
    expect(
      await failure(api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: "bob@elsewhere.com" })),
    ).toMatch(/^MailDomainNotFoundException: /);
    expect(
      await failure(api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: "bob@pending.example" })),
    ).toMatch(/^MailDomainStateException: /);
    expect((await api.describeUser({ OrganizationId: org, UserId: id })).State).toBe("DISABLED");
  });

  it("keeps addresses unique across users and aliases", async () => {
    const alice = await user("alice", "alice@acme.awsapps.com");
    await api.createAlias({ OrganizationId: org, EntityId: alice, Alias: "boss@acme.awsapps.com" });
    const bob = await user("bob");
    expect(
      await failure(api.registerToWorkMail({ OrganizationId: org, EntityId: bob, Email: "ALICE@acme.awsapps.com" })),
    ).toMatch(/^EmailAddressInUseException: /);
    expect(
      await failure(api.registerToWorkMail({ OrganizationId: org, EntityId: bob, Email: "boss@acme.awsapps.com" })),
    ).toMatch(/^EmailAddressInUseException: /);
  });

  it("changes nothing when re-registered with the same address, and refuses another one", async () => {
    const id = await user("bob", "bob@acme.awsapps.com");
    await api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: "bob@acme.awsapps.com" });
    expect(
      await failure(api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: "robert@acme.awsapps.com" })),
    ).toMatch(/^EntityAlreadyRegisteredException: /);
  });

  it("disables (deprovisioning the mailbox), keeps the address reserved, and re-enables with a new one", async () => {
    const id = await user("bob", "bob@acme.awsapps.com");
    await api.deregisterFromWorkMail({ OrganizationId: org, EntityId: id });
    const d = await api.describeUser({ OrganizationId: org, UserId: id });
    expect(d.State).toBe("DISABLED");
    expect(d.MailboxDeprovisionedDate).toBeInstanceOf(Date);
    expect(await failure(api.deregisterFromWorkMail({ OrganizationId: org, EntityId: id }))).toMatch(
      /^EntityStateException: /,
    );
    const other = await user("other");
    expect(
      await failure(api.registerToWorkMail({ OrganizationId: org, EntityId: other, Email: "bob@acme.awsapps.com" })),
    ).toMatch(/^EmailAddressInUseException: /);
    await api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: "robert@acme.awsapps.com" });
    expect((await api.describeUser({ OrganizationId: org, UserId: id })).Email).toBe("robert@acme.awsapps.com");
    await api.registerToWorkMail({ OrganizationId: org, EntityId: other, Email: "bob@acme.awsapps.com" });
  });
});

describe("aliases", () => {
  it("adds, lists (paginated, without the primary) and removes aliases by the entity's id", async () => {
    verifiedDomain("example.com");
    const id = await user("bob", "bob@acme.awsapps.com");
    for (const a of ["bobby@acme.awsapps.com", "Robert@Example.com", "b@example.com"])
      await api.createAlias({ OrganizationId: org, EntityId: id, Alias: a });
    await api.createAlias({ OrganizationId: org, EntityId: id, Alias: "bobby@acme.awsapps.com" }); // again: no change
    const p1 = await api.listAliases({ OrganizationId: org, EntityId: id, MaxResults: 2 });
    const p2 = await api.listAliases({ OrganizationId: org, EntityId: id, MaxResults: 2, NextToken: p1.NextToken });
    expect([...(p1.Aliases ?? []), ...(p2.Aliases ?? [])]).toEqual([
      "b@example.com",
      "bobby@acme.awsapps.com",
      "robert@example.com",
    ]);
    expect(p2.NextToken).toBeUndefined();
    await api.deleteAlias({ OrganizationId: org, EntityId: id, Alias: "b@example.com" });
    expect((await api.listAliases({ OrganizationId: org, EntityId: id })).Aliases).toEqual([
      "bobby@acme.awsapps.com",
      "robert@example.com",
    ]);
    expect(await failure(api.listAliases({ OrganizationId: org, EntityId: "bob@acme.awsapps.com" }))).toMatch(
      /^EntityNotFoundException: /,
    );
  });

  it("applies the primary address's domain and uniqueness rules", async () => {
    const bob = await user("bob", "bob@acme.awsapps.com");
    const ann = await user("ann", "ann@acme.awsapps.com");
    expect(
      await failure(api.createAlias({ OrganizationId: org, EntityId: bob, Alias: "ann@acme.awsapps.com" })),
    ).toMatch(/^EmailAddressInUseException: /);
    expect(
      await failure(api.createAlias({ OrganizationId: org, EntityId: bob, Alias: "bob@acme.awsapps.com" })),
    ).toMatch(/^EmailAddressInUseException: .*primary/);
    expect(await failure(api.createAlias({ OrganizationId: org, EntityId: bob, Alias: "b@nowhere.com" }))).toMatch(
      /^MailDomainNotFoundException: /,
    );
    expect(await failure(api.createAlias({ OrganizationId: org, EntityId: bob, Alias: "b@pending.example" }))).toMatch(
      /^MailDomainStateException: /,
    );
    expect(
      await failure(
        api.createAlias({ OrganizationId: org, EntityId: bob, Alias: "amazonjournaling@acme.awsapps.com" }),
      ),
    ).toMatch(/^ReservedNameException: /);
    await api.createAlias({ OrganizationId: org, EntityId: ann, Alias: "team@acme.awsapps.com" });
    // Removing someone else's address from bob changes nothing.
    await api.deleteAlias({ OrganizationId: org, EntityId: bob, Alias: "team@acme.awsapps.com" });
    expect((await api.listAliases({ OrganizationId: org, EntityId: ann })).Aliases).toEqual(["team@acme.awsapps.com"]);
  });

  it("never removes the primary address as an alias", async () => {
    const bob = await user("bob", "bob@acme.awsapps.com");
    expect(
      await failure(api.deleteAlias({ OrganizationId: org, EntityId: bob, Alias: "bob@acme.awsapps.com" })),
    ).toMatch(/^InvalidParameterException: .*primary/);
  });

  it("needs an enabled entity to add an alias, and refuses deleted ones", async () => {
    const bob = await user("bob");
    expect(await failure(api.createAlias({ OrganizationId: org, EntityId: bob, Alias: "b@acme.awsapps.com" }))).toMatch(
      /^EntityStateException: /,
    );
    await api.deleteUser({ OrganizationId: org, UserId: bob });
    expect(await failure(api.listAliases({ OrganizationId: org, EntityId: bob }))).toMatch(/^EntityStateException: /);
    expect(await failure(api.deleteAlias({ OrganizationId: org, EntityId: bob, Alias: "b@acme.awsapps.com" }))).toMatch(
      /^EntityStateException: /,
    );
  });

  it("limits an entity to 100 aliases", async () => {
    const bob = await user("bob", "bob@acme.awsapps.com");
    for (let i = 0; i < 100; i++)
      await api.createAlias({ OrganizationId: org, EntityId: bob, Alias: `b${i}@acme.awsapps.com` });
    expect(
      await failure(api.createAlias({ OrganizationId: org, EntityId: bob, Alias: "b100@acme.awsapps.com" })),
    ).toMatch(/^LimitExceededException: /);
  });
});

describe("UpdatePrimaryEmailAddress and DescribeEntity", () => {
  it("promotes an address, keeping the old primary as an alias (or swapping with an alias)", async () => {
    const bob = await user("bob", "bob@acme.awsapps.com");
    await api.createAlias({ OrganizationId: org, EntityId: bob, Alias: "bobby@acme.awsapps.com" });
    await api.updatePrimaryEmailAddress({ OrganizationId: org, EntityId: bob, Email: "bobby@acme.awsapps.com" });
    expect((await api.describeUser({ OrganizationId: org, UserId: bob })).Email).toBe("bobby@acme.awsapps.com");
    expect((await api.listAliases({ OrganizationId: org, EntityId: bob })).Aliases).toEqual(["bob@acme.awsapps.com"]);
    await api.updatePrimaryEmailAddress({ OrganizationId: org, EntityId: bob, Email: "robert@acme.awsapps.com" });
    expect((await api.listAliases({ OrganizationId: org, EntityId: bob })).Aliases).toEqual([
      "bob@acme.awsapps.com",
      "bobby@acme.awsapps.com",
    ]);
    await api.deregisterFromWorkMail({ OrganizationId: org, EntityId: bob });
    expect(
      await failure(
        api.updatePrimaryEmailAddress({ OrganizationId: org, EntityId: bob, Email: "bob@acme.awsapps.com" }),
      ),
    ).toMatch(/^EntityStateException: /);
  });

  it("finds the owner of a primary address or an alias, case-insensitively", async () => {
    const bob = await user("bob", "bob@acme.awsapps.com");
    await api.createAlias({ OrganizationId: org, EntityId: bob, Alias: "bobby@acme.awsapps.com" });
    expect(await api.describeEntity({ OrganizationId: org, Email: "BOBBY@acme.awsapps.com" })).toEqual({
      EntityId: bob,
      Name: "bob",
      Type: "USER",
    });
    expect(await api.describeEntity({ OrganizationId: org, Email: "bob@acme.awsapps.com" })).toEqual({
      EntityId: bob,
      Name: "bob",
      Type: "USER",
    });
    expect(await failure(api.describeEntity({ OrganizationId: org, Email: "nobody@acme.awsapps.com" }))).toMatch(
      /^EntityNotFoundException: /,
    );
  });
});

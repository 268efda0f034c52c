import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WorkMailApi } from "../../src/backend/workmail-api.js";
import { openPolicyOrg, type PolicyOrg } from "../helpers/policy-org.js";
import { failure } from "../helpers/failure.js";

// In-process, and (project "wire") through the SDK against the served store: see wire-target.ts.
let t: PolicyOrg;
let api: WorkMailApi;
let org: string;

beforeEach(async () => {
  t = await openPolicyOrg();
  api = t.api;
  org = t.org;
});
afterEach(() => t.close());

async function user(name: string, enable = true): Promise<string> {
  const id = (await api.createUser({ OrganizationId: org, Name: name, DisplayName: name, Password: "Passw0rd!x" }))
    .UserId as string;
  if (enable) await api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: `${name}@acme.awsapps.com` });
  return id;
}

async function group(name: string, enable = true): Promise<string> {
  const id = (await api.createGroup({ OrganizationId: org, Name: name })).GroupId as string;
  if (enable)
    await api.registerToWorkMail({
      OrganizationId: org,
      EntityId: id,
      Email: `${name.replace(/ /g, "-")}@acme.awsapps.com`,
    });
  return id;
}

const add = (GroupId: string, MemberId: string) =>
  api.associateMemberToGroup({ OrganizationId: org, GroupId, MemberId });
const members = async (GroupId: string) =>
  (await api.listGroupMembers({ OrganizationId: org, GroupId })).Members?.map((m) => m.Name) ?? [];

describe("CreateGroup / DescribeGroup / ListGroups", () => {
  it("creates a disabled group without address, enables it with RegisterToWorkMail, and never gives it a mailbox", async () => {
    const id = (await api.createGroup({ OrganizationId: org, Name: "Sales Team", HiddenFromGlobalAddressList: true }))
      .GroupId as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    let g = await api.describeGroup({ OrganizationId: org, GroupId: id });
    expect(g).toMatchObject({ GroupId: id, Name: "Sales Team", State: "DISABLED", HiddenFromGlobalAddressList: true });
    expect(g.Email).toBeUndefined();
    await api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: "Sales@acme.awsapps.com" });
    g = await api.describeGroup({ OrganizationId: org, GroupId: "sales@acme.awsapps.com" });
    expect(g).toMatchObject({ GroupId: id, State: "ENABLED", Email: "sales@acme.awsapps.com" });
    expect(g.EnabledDate).toBeInstanceOf(Date);
  });

  it("shares names with users and resources: a taken name is NameAvailabilityException, a reserved one ReservedNameException", async () => {
    await user("alice");
    expect(await failure(api.createGroup({ OrganizationId: org, Name: "ALICE" }))).toEqual({
      name: "NameAvailabilityException",
      message: "The name ALICE is already used by a user in this organization.",
    });
    expect((await failure(api.createGroup({ OrganizationId: org, Name: "Administrator" }))).name).toBe(
      "ReservedNameException",
    );
    expect((await failure(api.createGroup({ OrganizationId: org, Name: "bad\u0100name" }))).name).toBe(
      "ValidationException",
    );
  });

  it("refuses an address another entity already has", async () => {
    await user("alice");
    const g = await group("team", false);
    const e = await failure(
      api.registerToWorkMail({ OrganizationId: org, EntityId: g, Email: "alice@acme.awsapps.com" }),
    );
    expect(e.name).toBe("EmailAddressInUseException");
  });

  it("filters by one of name prefix, email prefix or state (case-sensitive), and refuses two filters at once", async () => {
    await group("eng");
    await group("engineering-leads", false);
    await group("Sales");
    const names = async (Filters: object) =>
      (await api.listGroups({ OrganizationId: org, Filters })).Groups?.map((g) => g.Name);
    expect(await names({ NamePrefix: "eng" })).toEqual(["eng", "engineering-leads"]);
    expect(await names({ NamePrefix: "sales" })).toEqual([]);
    expect(await names({ PrimaryEmailPrefix: "sales@" })).toEqual(["Sales"]);
    expect(await names({ State: "DISABLED" })).toEqual(["engineering-leads"]);
    expect(
      await failure(api.listGroups({ OrganizationId: org, Filters: { NamePrefix: "e", State: "ENABLED" } })),
    ).toEqual({
      name: "InvalidParameterException",
      message: "You can only use one filter per request; got NamePrefix, State.",
    });
  });

  it("pages through groups with opaque tokens bound to the filters", async () => {
    for (let i = 0; i < 7; i++) await group(`g${i}`, false);
    const first = await api.listGroups({ OrganizationId: org, MaxResults: 3 });
    expect(first.Groups?.map((g) => g.Name)).toEqual(["g0", "g1", "g2"]);
    const second = await api.listGroups({ OrganizationId: org, MaxResults: 3, NextToken: first.NextToken as string });
    expect(second.Groups?.map((g) => g.Name)).toEqual(["g3", "g4", "g5"]);
    const last = await api.listGroups({ OrganizationId: org, MaxResults: 3, NextToken: second.NextToken as string });
    expect(last.Groups?.map((g) => g.Name)).toEqual(["g6"]);
    expect(last.NextToken).toBeUndefined();
    const reused = await failure(
      api.listGroups({
        OrganizationId: org,
        MaxResults: 3,
        NextToken: first.NextToken as string,
        Filters: { State: "ENABLED" },
      }),
    );
    expect(reused.name).toBe("InvalidParameterException");
  });

  it("updates HiddenFromGlobalAddressList, and refuses to update a deleted group", async () => {
    const id = await group("team", false);
    await api.updateGroup({ OrganizationId: org, GroupId: "team", HiddenFromGlobalAddressList: true });
    expect((await api.describeGroup({ OrganizationId: org, GroupId: id })).HiddenFromGlobalAddressList).toBe(true);
    await api.deleteGroup({ OrganizationId: org, GroupId: id });
    expect(
      (await failure(api.updateGroup({ OrganizationId: org, GroupId: id, HiddenFromGlobalAddressList: false }))).name,
    ).toBe("EntityStateException");
  });
});

describe("DeleteGroup", () => {
  it("refuses an enabled group, deletes a disabled one, frees its name and address, and is a no-op when repeated", async () => {
    const id = await group("team");
    const alice = await user("alice");
    await add(id, alice);
    expect(await failure(api.deleteGroup({ OrganizationId: org, GroupId: "team" }))).toEqual({
      name: "EntityStateException",
      message: "The group team is ENABLED; disable (deregister) the group before deleting it.",
    });
    await api.deregisterFromWorkMail({ OrganizationId: org, EntityId: id });
    // Disabling keeps the address taken and the memberships.
    expect((await api.describeGroup({ OrganizationId: org, GroupId: id })).Email).toBe("team@acme.awsapps.com");
    expect(await members(id)).toEqual(["alice"]);
    await api.deleteGroup({ OrganizationId: org, GroupId: "team" });
    expect((await api.describeGroup({ OrganizationId: org, GroupId: id })).State).toBe("DELETED");
    await api.deleteGroup({ OrganizationId: org, GroupId: id });
    expect((await api.listGroupsForEntity({ OrganizationId: org, EntityId: alice })).Groups).toEqual([]);
    const again = await group("team");
    expect(again).not.toBe(id);
    expect((await failure(api.listGroupMembers({ OrganizationId: org, GroupId: id }))).name).toBe(
      "EntityStateException",
    );
  });

  it("answers a group that does not exist with success, as the model has no EntityNotFoundException for it", async () => {
    await expect(api.deleteGroup({ OrganizationId: org, GroupId: "nosuch" })).resolves.toEqual({});
  });
});

describe("group membership", () => {
  it("adds users and nested groups by id, name or email; adding twice is a no-op", async () => {
    const all = await group("all");
    const eng = await group("eng");
    await user("alice");
    const bob = await user("bob", false);
    await add("all", "alice@acme.awsapps.com");
    await add(all, "eng");
    await add("all@acme.awsapps.com", bob);
    await add(all, bob);
    const listed = (await api.listGroupMembers({ OrganizationId: org, GroupId: all })).Members ?? [];
    expect(listed.map((m) => [m.Name, m.Type, m.State])).toEqual([
      ["eng", "GROUP", "ENABLED"],
      ["alice", "USER", "ENABLED"],
      ["bob", "USER", "DISABLED"],
    ]);
    expect(listed[0]?.Id).toBe(eng);
    expect(listed[0]?.EnabledDate).toBeInstanceOf(Date);
  });

  it("refuses a group as its own member and any membership cycle", async () => {
    const a = await group("a");
    const b = await group("b");
    const c = await group("c");
    expect(await failure(add(a, "a"))).toEqual({
      name: "InvalidParameterException",
      message: "The group a cannot be a member of itself.",
    });
    await add(a, b);
    await add(b, c);
    expect(await failure(add(c, a))).toEqual({
      name: "InvalidParameterException",
      message: "Adding a to c would create a membership cycle: c is already a member of a.",
    });
    expect((await failure(add(b, a))).name).toBe("InvalidParameterException");
    // A diamond is not a cycle.
    await add(a, c);
    expect(await members(a)).toEqual(["b", "c"]);
  });

  it("refuses deleted members, deleted groups and resources, and names unknown ones", async () => {
    const g = await group("team");
    const gone = await user("gone", false);
    await api.deleteUser({ OrganizationId: org, UserId: gone });
    expect(await failure(add(g, gone))).toEqual({ name: "EntityStateException", message: "The user gone is deleted." });
    const room = (await api.createResource({ OrganizationId: org, Name: "room1", Type: "ROOM" })).ResourceId as string;
    expect(await failure(add(g, room))).toEqual({
      name: "InvalidParameterException",
      message: "Only users and groups can be members of a group; room1 is a resource.",
    });
    expect((await failure(add(g, "nobody"))).name).toBe("EntityNotFoundException");
    expect((await failure(add("nogroup", "team"))).name).toBe("EntityNotFoundException");
    const old = await group("old", false);
    await api.deleteGroup({ OrganizationId: org, GroupId: old });
    expect(await failure(add(old, "team"))).toEqual({
      name: "EntityStateException",
      message: "The group old is deleted.",
    });
  });

  it("keeps disabled members in their groups", async () => {
    const g = await group("team");
    const alice = await user("alice");
    await add(g, alice);
    await api.deregisterFromWorkMail({ OrganizationId: org, EntityId: alice });
    const [m] = (await api.listGroupMembers({ OrganizationId: org, GroupId: g })).Members ?? [];
    expect(m).toMatchObject({ Name: "alice", State: "DISABLED" });
    expect(m?.DisabledDate).toBeInstanceOf(Date);
  });

  it("removes members, and reports one that is not a member", async () => {
    const g = await group("team");
    await user("alice");
    await add(g, "alice");
    await api.disassociateMemberFromGroup({ OrganizationId: org, GroupId: g, MemberId: "alice@acme.awsapps.com" });
    expect(await members(g)).toEqual([]);
    expect(
      await failure(api.disassociateMemberFromGroup({ OrganizationId: org, GroupId: g, MemberId: "alice" })),
    ).toEqual({
      name: "EntityNotFoundException",
      message: "alice is not a member of the group team.",
    });
  });

  it("pages through members", async () => {
    const g = await group("big");
    for (let i = 0; i < 25; i++) await add(g, await user(`u${String(i).padStart(2, "0")}`, false));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await api.listGroupMembers({
        OrganizationId: org,
        GroupId: g,
        MaxResults: 10,
        ...(token ? { NextToken: token } : {}),
      });
      seen.push(...(page.Members ?? []).map((m) => m.Name as string));
      token = page.NextToken;
      pages++;
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe("u00");
    expect(seen[24]).toBe("u24");
  });

  it("lists the groups an entity is directly in, filtered by group name prefix", async () => {
    const alice = await user("alice");
    for (const name of ["eng", "engineering", "sales"]) await add(await group(name), alice);
    const eng = await group("eng-all");
    await add(eng, "eng");
    const groups = async (EntityId: string, GroupNamePrefix?: string) =>
      (
        await api.listGroupsForEntity({
          OrganizationId: org,
          EntityId,
          ...(GroupNamePrefix ? { Filters: { GroupNamePrefix } } : {}),
        })
      ).Groups?.map((g) => g.GroupName);
    expect(await groups(alice)).toEqual(["eng", "engineering", "sales"]);
    expect(await groups("alice@acme.awsapps.com", "eng")).toEqual(["eng", "engineering"]);
    expect(await groups("eng")).toEqual(["eng-all"]);
    const room = (await api.createResource({ OrganizationId: org, Name: "room1", Type: "ROOM" })).ResourceId as string;
    expect((await failure(api.listGroupsForEntity({ OrganizationId: org, EntityId: room }))).name).toBe(
      "InvalidParameterException",
    );
  });

  it("drops the memberships of a deleted user", async () => {
    const g = await group("team");
    const alice = await user("alice", false);
    await add(g, alice);
    await api.deleteUser({ OrganizationId: org, UserId: alice });
    expect(await members(g)).toEqual([]);
  });
});

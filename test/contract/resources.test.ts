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

async function room(name: string, enable = true): Promise<string> {
  const id = (await api.createResource({ OrganizationId: org, Name: name, Type: "ROOM" })).ResourceId as string;
  if (enable) await api.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: `${name}@acme.awsapps.com` });
  return id;
}

async function user(name: string): Promise<string> {
  return (await api.createUser({ OrganizationId: org, Name: name, DisplayName: name })).UserId as string;
}

const describeResource = (ResourceId: string) => api.describeResource({ OrganizationId: org, ResourceId });
const delegates = async (ResourceId: string) =>
  (await api.listResourceDelegates({ OrganizationId: org, ResourceId })).Delegates ?? [];

describe("CreateResource / DescribeResource / ListResources", () => {
  it("creates a disabled resource with the service's default booking options, and enables it with a mailbox", async () => {
    const id = (
      await api.createResource({
        OrganizationId: org,
        Name: "projector-1",
        Type: "EQUIPMENT",
        Description: "4K projector",
        HiddenFromGlobalAddressList: true,
      })
    ).ResourceId as string;
    expect(id).toMatch(/^r-[0-9a-f]{32}$/);
    expect(await describeResource(id)).toEqual({
      ResourceId: id,
      Name: "projector-1",
      Type: "EQUIPMENT",
      Description: "4K projector",
      State: "DISABLED",
      HiddenFromGlobalAddressList: true,
      BookingOptions: {
        AutoAcceptRequests: true,
        AutoDeclineRecurringRequests: false,
        AutoDeclineConflictingRequests: true,
      },
    });
    await api.registerToWorkMail({ OrganizationId: org, EntityId: "projector-1", Email: "projector@acme.awsapps.com" });
    const d = await describeResource("projector@acme.awsapps.com");
    expect(d).toMatchObject({ State: "ENABLED", Email: "projector@acme.awsapps.com" });
    expect(d.EnabledDate).toBeInstanceOf(Date);
  });

  it("applies the model's name rules (at most 20 characters, no spaces) and the organization's name uniqueness", async () => {
    expect(
      (await failure(api.createResource({ OrganizationId: org, Name: "a-very-long-room-name-1", Type: "ROOM" })))
        .message,
    ).toContain("at 'name' failed to satisfy constraint: Member must have length less than or equal to 20");
    expect((await failure(api.createResource({ OrganizationId: org, Name: "Room 1", Type: "ROOM" }))).name).toBe(
      "ValidationException",
    );
    expect(
      (await failure(api.createResource({ OrganizationId: org, Name: "car", Type: "VEHICLE" as "ROOM" }))).message,
    ).toContain("[ROOM, EQUIPMENT]");
    await user("boardroom");
    expect((await failure(api.createResource({ OrganizationId: org, Name: "BoardRoom", Type: "ROOM" }))).name).toBe(
      "NameAvailabilityException",
    );
  });

  it("cannot be created or enabled in interoperability mode", async () => {
    const interop = (await api.createOrganization({ Alias: "interop", EnableInteroperability: true }))
      .OrganizationId as string;
    const e = await failure(api.createResource({ OrganizationId: interop, Name: "room1", Type: "ROOM" }));
    expect(e.name).toBe("UnsupportedOperationException");
  });

  it("lists with one filter at a time and pages", async () => {
    await room("room-a");
    await room("room-b", false);
    await api.createResource({ OrganizationId: org, Name: "van", Type: "EQUIPMENT", Description: "the blue van" });
    const names = async (Filters?: object) =>
      (await api.listResources({ OrganizationId: org, ...(Filters ? { Filters } : {}) })).Resources?.map((r) => r.Name);
    expect(await names()).toEqual(["room-a", "room-b", "van"]);
    expect(await names({ NamePrefix: "room" })).toEqual(["room-a", "room-b"]);
    expect(await names({ PrimaryEmailPrefix: "room-a@" })).toEqual(["room-a"]);
    expect(await names({ State: "DISABLED" })).toEqual(["room-b", "van"]);
    const all = (await api.listResources({ OrganizationId: org })).Resources ?? [];
    expect(all[2]).toMatchObject({ Name: "van", Type: "EQUIPMENT", Description: "the blue van", State: "DISABLED" });
    expect(
      (await failure(api.listResources({ OrganizationId: org, Filters: { NamePrefix: "r", State: "ENABLED" } }))).name,
    ).toBe("InvalidParameterException");
    const page = await api.listResources({ OrganizationId: org, MaxResults: 2 });
    expect(page.Resources).toHaveLength(2);
    const rest = await api.listResources({ OrganizationId: org, MaxResults: 2, NextToken: page.NextToken as string });
    expect(rest.Resources?.map((r) => r.Name)).toEqual(["van"]);
    expect(rest.NextToken).toBeUndefined();
  });
});

describe("UpdateResource and booking rules", () => {
  it("renames, retypes, describes and hides; an empty description clears it; a taken or reserved name is refused", async () => {
    const id = await room("room1");
    await user("alice");
    await api.updateResource({
      OrganizationId: org,
      ResourceId: id,
      Name: "hall-1",
      Type: "EQUIPMENT",
      Description: "big",
      HiddenFromGlobalAddressList: true,
    });
    expect(await describeResource("hall-1")).toMatchObject({
      Name: "hall-1",
      Type: "EQUIPMENT",
      Description: "big",
      HiddenFromGlobalAddressList: true,
    });
    await api.updateResource({ OrganizationId: org, ResourceId: id, Description: "" });
    expect((await describeResource(id)).Description).toBeUndefined();
    expect((await failure(api.updateResource({ OrganizationId: org, ResourceId: id, Name: "alice" }))).name).toBe(
      "NameAvailabilityException",
    );
    expect(
      (await failure(api.updateResource({ OrganizationId: org, ResourceId: id, Name: "administrator" }))).name,
    ).toBe("NameAvailabilityException");
    // Renaming to its own name in another case is fine.
    await api.updateResource({ OrganizationId: org, ResourceId: id, Name: "Hall-1" });
    expect((await describeResource(id)).Name).toBe("Hall-1");
  });

  it("refuses to stop auto-accepting without a delegate (InvalidConfigurationException), and allows it with one", async () => {
    const id = await room("room1");
    const off = {
      AutoAcceptRequests: false,
      AutoDeclineRecurringRequests: false,
      AutoDeclineConflictingRequests: true,
    };
    expect(await failure(api.updateResource({ OrganizationId: org, ResourceId: id, BookingOptions: off }))).toEqual({
      name: "InvalidConfigurationException",
      message:
        "The resource room1 must either be able to auto-respond to requests or have at least one delegate; associate a delegate before turning AutoAcceptRequests off.",
    });
    expect((await describeResource(id)).BookingOptions?.AutoAcceptRequests).toBe(true);
    await api.associateDelegateToResource({ OrganizationId: org, ResourceId: id, EntityId: await user("alice") });
    await api.updateResource({ OrganizationId: org, ResourceId: id, BookingOptions: off });
    expect((await describeResource(id)).BookingOptions).toEqual(off);
  });

  it("replaces all booking options: a member left out is false", async () => {
    const id = await room("room1");
    await api.updateResource({
      OrganizationId: org,
      ResourceId: id,
      BookingOptions: { AutoAcceptRequests: true, AutoDeclineRecurringRequests: true },
    });
    expect((await describeResource(id)).BookingOptions).toEqual({
      AutoAcceptRequests: true,
      AutoDeclineRecurringRequests: true,
      AutoDeclineConflictingRequests: false,
    });
  });
});

describe("delegates", () => {
  it("associates users and groups by name, email or id; twice is a no-op; lists them with their types", async () => {
    const id = await room("room1");
    const alice = await user("alice");
    await api.registerToWorkMail({ OrganizationId: org, EntityId: alice, Email: "alice@acme.awsapps.com" });
    const facilities = (await api.createGroup({ OrganizationId: org, Name: "facilities" })).GroupId as string;
    await api.associateDelegateToResource({
      OrganizationId: org,
      ResourceId: "room1@acme.awsapps.com",
      EntityId: "alice@acme.awsapps.com",
    });
    await api.associateDelegateToResource({ OrganizationId: org, ResourceId: "room1", EntityId: "facilities" });
    await api.associateDelegateToResource({ OrganizationId: org, ResourceId: id, EntityId: alice });
    expect(await delegates(id)).toEqual([
      { Id: alice, Type: "USER" },
      { Id: facilities, Type: "GROUP" },
    ]);
  });

  it("refuses resources and deleted entities as delegates, and delegates of a deleted resource", async () => {
    const id = await room("room1");
    const other = await room("room2", false);
    expect(
      (await failure(api.associateDelegateToResource({ OrganizationId: org, ResourceId: id, EntityId: other })))
        .message,
    ).toBe("Only users and groups can be delegates of a resource; room2 is a resource.");
    const gone = await user("gone");
    await api.deleteUser({ OrganizationId: org, UserId: gone });
    expect(
      (await failure(api.associateDelegateToResource({ OrganizationId: org, ResourceId: id, EntityId: gone }))).name,
    ).toBe("EntityStateException");
    await api.deleteResource({ OrganizationId: org, ResourceId: other });
    expect((await failure(api.listResourceDelegates({ OrganizationId: org, ResourceId: other }))).name).toBe(
      "EntityStateException",
    );
  });

  it("removes a delegate (even the last one of a resource that does not auto-accept), and reports one that is not a delegate", async () => {
    const id = await room("room1");
    const alice = await user("alice");
    await api.associateDelegateToResource({ OrganizationId: org, ResourceId: id, EntityId: alice });
    await api.updateResource({ OrganizationId: org, ResourceId: id, BookingOptions: { AutoAcceptRequests: false } });
    await api.disassociateDelegateFromResource({ OrganizationId: org, ResourceId: id, EntityId: "alice" });
    expect(await delegates(id)).toEqual([]);
    expect(
      await failure(api.disassociateDelegateFromResource({ OrganizationId: org, ResourceId: id, EntityId: "alice" })),
    ).toEqual({
      name: "EntityNotFoundException",
      message: "alice is not a delegate of the resource room1.",
    });
  });

  it("drops the delegations of a deleted user", async () => {
    const id = await room("room1");
    const alice = await user("alice");
    await api.associateDelegateToResource({ OrganizationId: org, ResourceId: id, EntityId: alice });
    await api.deleteUser({ OrganizationId: org, UserId: alice });
    expect(await delegates(id)).toEqual([]);
  });
});

describe("DeleteResource", () => {
  it("deletes only a disabled resource, frees its name and address, and is a no-op for unknown ones", async () => {
    const id = await room("room1");
    expect(await failure(api.deleteResource({ OrganizationId: org, ResourceId: "room1" }))).toEqual({
      name: "EntityStateException",
      message: "The resource room1 is ENABLED; disable (deregister) the resource before deleting it.",
    });
    await api.deregisterFromWorkMail({ OrganizationId: org, EntityId: id });
    const disabled = await describeResource(id);
    expect(disabled.State).toBe("DISABLED");
    expect(disabled.DisabledDate).toBeInstanceOf(Date);
    await api.deleteResource({ OrganizationId: org, ResourceId: id });
    expect((await describeResource(id)).State).toBe("DELETED");
    await expect(api.deleteResource({ OrganizationId: org, ResourceId: id })).resolves.toEqual({});
    await expect(api.deleteResource({ OrganizationId: org, ResourceId: "nosuch" })).resolves.toEqual({});
    const again = await room("room1");
    expect(again).not.toBe(id);
    expect((await failure(api.updateResource({ OrganizationId: org, ResourceId: id, Name: "x" }))).name).toBe(
      "EntityStateException",
    );
  });
});

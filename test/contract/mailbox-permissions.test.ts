import type { PermissionType } from "@aws-sdk/client-workmail";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MailOrg } from "../helpers/mail-org.js";

let o: MailOrg;
beforeEach(async () => {
  o = await MailOrg.open();
});
afterEach(() => o.close());

async function error(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
  throw new Error("expected the call to fail");
}

const put = (entity: string, grantee: string, values: PermissionType[]) =>
  o.api.putMailboxPermissions({
    OrganizationId: o.orgId,
    EntityId: entity,
    GranteeId: grantee,
    PermissionValues: values,
  });
const list = async (entity: string) =>
  (await o.api.listMailboxPermissions({ OrganizationId: o.orgId, EntityId: entity })).Permissions ?? [];

describe("mailbox permissions", () => {
  it("grants, replaces and deletes a user's permissions on a user's mailbox", async () => {
    const alice = await o.user("alice");
    const bob = await o.user("bob");
    await put("alice", o.email("bob"), ["SEND_ON_BEHALF", "FULL_ACCESS", "FULL_ACCESS"]);
    expect(await list(alice)).toEqual([
      { GranteeId: bob, GranteeType: "USER", PermissionValues: ["FULL_ACCESS", "SEND_ON_BEHALF"] },
    ]);
    await put(alice, bob, ["SEND_AS"]);
    expect(await list("alice")).toEqual([{ GranteeId: bob, GranteeType: "USER", PermissionValues: ["SEND_AS"] }]);
    await o.api.deleteMailboxPermissions({ OrganizationId: o.orgId, EntityId: alice, GranteeId: "bob" });
    expect(await list(alice)).toEqual([]);
    // Deleting what is not there is accepted.
    await o.api.deleteMailboxPermissions({ OrganizationId: o.orgId, EntityId: alice, GranteeId: "bob" });
  });

  it("never gives FULL_ACCESS to a group, but Send As and Send On Behalf", async () => {
    await o.user("alice");
    const sales = await o.group("sales");
    const e = await error(put("alice", sales, ["FULL_ACCESS", "SEND_AS"]));
    expect(e.name).toBe("InvalidParameterException");
    expect(e.message).toContain("groups can't be granted full access");
    await put("alice", sales, ["SEND_AS", "SEND_ON_BEHALF"]);
    expect(await list("alice")).toEqual([
      { GranteeId: sales, GranteeType: "GROUP", PermissionValues: ["SEND_AS", "SEND_ON_BEHALF"] },
    ]);
  });

  it("sets send permissions on a group's address, never Full Access (a group has no mailbox)", async () => {
    const sales = await o.group("sales");
    const bob = await o.user("bob");
    expect((await error(put(sales, bob, ["FULL_ACCESS"]))).name).toBe("InvalidParameterException");
    await put(sales, bob, ["SEND_AS"]);
    expect(await list(sales)).toEqual([{ GranteeId: bob, GranteeType: "USER", PermissionValues: ["SEND_AS"] }]);
  });

  it("grants on a resource's mailbox; resources themselves are never grantees", async () => {
    const room = await o.resource("room1");
    const alice = await o.user("alice");
    await put(room, alice, ["FULL_ACCESS"]);
    expect(await list(room)).toHaveLength(1);
    expect((await error(put("alice", room, ["SEND_AS"]))).name).toBe("InvalidParameterException");
  });

  it("refuses a grant to the mailbox's own owner, and an empty grant", async () => {
    await o.user("alice");
    await o.user("bob");
    expect((await error(put("alice", "alice", ["SEND_AS"]))).name).toBe("InvalidParameterException");
    expect((await error(put("alice", "bob", []))).name).toBe("InvalidParameterException");
    expect((await error(put("alice", "bob", ["READ" as PermissionType]))).name).toBe("ValidationException");
  });

  it("needs enabled entities and grantees, and names unknown ones", async () => {
    const alice = await o.user("alice");
    const bob = await o.user("bob");
    await o.user("carol");
    await o.disable(bob);
    expect((await error(put("alice", bob, ["SEND_AS"]))).name).toBe("EntityStateException");
    await o.disable(alice);
    expect((await error(put(alice, "carol", ["SEND_AS"]))).name).toBe("EntityStateException");
    expect((await error(put("carol", "nobody", ["SEND_AS"]))).name).toBe("EntityNotFoundException");
    expect((await error(list("nobody"))).name).toBe("EntityNotFoundException");
  });

  it("drops grants to a deleted user from the list", async () => {
    const alice = await o.user("alice");
    const bob = await o.user("bob");
    await put(alice, bob, ["SEND_AS"]);
    await o.disable(bob);
    await o.api.deleteUser({ OrganizationId: o.orgId, UserId: bob });
    expect(await list(alice)).toEqual([]);
  });

  it("pages the list", async () => {
    const alice = await o.user("alice");
    for (let i = 0; i < 5; i++) await put(alice, await o.user(`g${i}`), ["SEND_AS"]);
    const p1 = await o.api.listMailboxPermissions({ OrganizationId: o.orgId, EntityId: alice, MaxResults: 3 });
    const p2 = await o.api.listMailboxPermissions({
      OrganizationId: o.orgId,
      EntityId: alice,
      MaxResults: 3,
      NextToken: p1.NextToken,
    });
    expect(p1.Permissions).toHaveLength(3);
    expect(p2.Permissions).toHaveLength(2);
    expect(p2.NextToken).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import type { WorkMailApi } from "../../../src/backend/workmail-api.js";
import { effectivePermissions } from "../../../src/commands/mailbox/permissions/effective.js";
import type { CommandContext } from "../../../src/context/context.js";
import type { ResolvedEntity } from "../../../src/context/entity-resolver.js";

/** A directory: users, groups (with members) and the grants on alice's mailbox. */
const entities: Record<string, ResolvedEntity> = {
  alice: { id: "alice", type: "USER", name: "alice", email: "alice@x.test", state: "ENABLED" },
  bob: { id: "bob", type: "USER", name: "bob", email: "bob@x.test", state: "ENABLED" },
  carol: { id: "carol", type: "USER", name: "carol", email: "carol@x.test", state: "ENABLED" },
  dave: { id: "dave", type: "USER", name: "dave", email: "dave@x.test", state: "ENABLED" },
  sales: { id: "sales", type: "GROUP", name: "sales", email: "sales@x.test", state: "ENABLED" },
  emea: { id: "emea", type: "GROUP", name: "emea", email: "emea@x.test", state: "ENABLED" },
};
const members: Record<string, Array<{ Id: string; Type: "USER" | "GROUP"; Name: string; State: "ENABLED" }>> = {
  sales: [
    { Id: "bob", Type: "USER", Name: "bob", State: "ENABLED" },
    { Id: "emea", Type: "GROUP", Name: "emea", State: "ENABLED" },
  ],
  emea: [
    { Id: "carol", Type: "USER", Name: "carol", State: "ENABLED" },
    { Id: "sales", Type: "GROUP", Name: "sales", State: "ENABLED" },
  ],
};

const api = {
  listMailboxPermissions: async () => ({
    Permissions: [
      { GranteeId: "bob", GranteeType: "USER", PermissionValues: ["FULL_ACCESS"] },
      { GranteeId: "sales", GranteeType: "GROUP", PermissionValues: ["SEND_AS"] },
      { GranteeId: "dave", GranteeType: "USER", PermissionValues: ["SEND_ON_BEHALF"] },
    ],
  }),
  listGroupMembers: async ({ GroupId }: { GroupId: string }) => ({ Members: members[GroupId] ?? [] }),
} as unknown as WorkMailApi;

const ctx = { resolve: { entity: async (id: string) => entities[id] as ResolvedEntity } } as unknown as CommandContext;

describe("effective mailbox permissions", () => {
  it("extends a group's grant to its members and nested groups' members (cycles included), merged with direct grants", async () => {
    const rows = await effectivePermissions(ctx, api, "m-1", entities.alice as ResolvedEntity);
    expect(rows.map((r) => [r.grantee, r.granteeEmail, r.permissions, r.via])).toEqual([
      ["bob", "bob@x.test", "FULL_ACCESS,SEND_AS", "direct,sales"],
      ["carol", "carol@x.test", "SEND_AS", "sales"],
      ["dave", "dave@x.test", "SEND_ON_BEHALF", "direct"],
    ]);
  });
});

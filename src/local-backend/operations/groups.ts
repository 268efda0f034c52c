import type { MemberType } from "@aws-sdk/client-workmail";
import type { Sim } from "../sim.js";
import { fail } from "../errors.js";
import { newId } from "../ids.js";
import { startPage } from "../pagination.js";
import type { Handlers } from "./handler.js";
import { requireOrganization } from "./organizations.js";
import {
  checkNameAvailable,
  date,
  deleteDisabledEntity,
  findEntity,
  listEntityPage,
  requireEntity,
  requireLiveEntity,
  type EntityRow,
} from "./entities.js";

/**
 * Groups: distribution lists and security groups. A group has no mailbox; its members are users
 * and other groups (nesting is allowed, cycles are not).
 *
 * Decisions where the guide and the model are silent (seed-inventory section 4):
 * - A group cannot be its own member, and a membership that would close a cycle (A in B, B in A,
 *   or longer) is refused with InvalidParameterException.
 * - Members may be ENABLED or DISABLED: membership belongs to the directory, and disabling a
 *   user or group (DeregisterFromWorkMail) only takes it out of WorkMail, so it keeps its
 *   memberships and gets its mail again when re-enabled. A DELETED member (or group) is an
 *   EntityStateException. Resources cannot be members (InvalidParameterException).
 * - Adding a member twice is a no-op; removing one that is not a member is an
 *   EntityNotFoundException.
 * - DeleteGroup models no EntityNotFoundException: deleting a group that does not exist (or is
 *   already deleted) succeeds and changes nothing.
 */

/** The group an operation names; a deleted group is an EntityStateException. */
function requireGroup(sim: Sim, orgId: string, ref: string): EntityRow {
  return requireLiveEntity(sim, orgId, ref, ["GROUP"]);
}

/**
 * A user or group that can be a member (of a group) or a delegate (of a resource): found by id,
 * name or email; unknown -> EntityNotFoundException, a resource -> InvalidParameterException,
 * deleted -> EntityStateException.
 */
export function requireMemberEntity(sim: Sim, orgId: string, ref: string, role: "member" | "delegate"): EntityRow {
  const row = findEntity(sim, orgId, ref);
  if (row === undefined) throw fail.entityNotFound(`The user or group ${ref} does not exist in organization ${orgId}.`);
  if (row.type === "RESOURCE") {
    throw fail.invalidParameter(
      `Only users and groups can be ${role === "member" ? "members of a group" : "delegates of a resource"}; ${row.name} is a resource.`,
    );
  }
  if (row.state === "DELETED") throw fail.entityState(`The ${row.type.toLowerCase()} ${row.name} is deleted.`);
  return row;
}

/** Whether `target` is `groupId` itself or reachable from it through nested memberships. */
function containsTransitively(sim: Sim, orgId: string, groupId: string, target: string): boolean {
  const hit = sim.db
    .prepare<[{ org: string; start: string; target: string }], { found: number }>(
      `WITH RECURSIVE reach(id) AS (
         SELECT @start
         UNION
         SELECT gm.member_id FROM group_members gm JOIN reach r ON gm.group_id = r.id WHERE gm.org_id = @org
       )
       SELECT 1 AS found FROM reach WHERE id = @target LIMIT 1`,
    )
    .get({ org: orgId, start: groupId, target });
  return hit !== undefined;
}

function describeGroup(row: EntityRow) {
  return {
    GroupId: row.id,
    Name: row.name,
    Email: row.email ?? undefined,
    State: row.state,
    EnabledDate: date(row.enabled_at),
    DisabledDate: date(row.disabled_at),
    HiddenFromGlobalAddressList: row.hidden_from_gal === 1,
  };
}

type MemberRow = EntityRow & { added_at: number };

export const groupHandlers: Handlers = {
  CreateGroup(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    checkNameAvailable(sim, org.id, input.Name);
    const id = newId.group();
    sim.db
      .prepare(
        `INSERT INTO entities (org_id, id, type, name, state, created_at, hidden_from_gal) VALUES (?, ?, 'GROUP', ?, 'DISABLED', ?, ?)`,
      )
      .run(org.id, id, input.Name, sim.now.getTime(), input.HiddenFromGlobalAddressList === true ? 1 : 0);
    return { GroupId: id };
  },

  DescribeGroup(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    return describeGroup(requireEntity(sim, org.id, input.GroupId, ["GROUP"]));
  },

  ListGroups(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const f = input.Filters ?? {};
    const page = listEntityPage(sim, {
      operation: "ListGroups",
      orgId: org.id,
      type: "GROUP",
      request: input,
      filters: f,
      prefixes: [
        ["name", f.NamePrefix],
        ["email", f.PrimaryEmailPrefix],
      ],
      state: f.State,
    });
    return {
      Groups: page.rows.map((row) => ({
        Id: row.id,
        Email: row.email ?? undefined,
        Name: row.name,
        State: row.state,
        EnabledDate: date(row.enabled_at),
        DisabledDate: date(row.disabled_at),
      })),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  },

  UpdateGroup(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = requireGroup(sim, org.id, input.GroupId);
    if (input.HiddenFromGlobalAddressList !== undefined) {
      sim.db
        .prepare("UPDATE entities SET hidden_from_gal = ? WHERE org_id = ? AND id = ?")
        .run(input.HiddenFromGlobalAddressList ? 1 : 0, org.id, row.id);
    }
    return {};
  },

  DeleteGroup(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = findEntity(sim, org.id, input.GroupId, ["GROUP"]);
    if (row !== undefined) deleteDisabledEntity(sim, org.id, row);
    return {};
  },

  AssociateMemberToGroup(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const group = requireGroup(sim, org.id, input.GroupId);
    const member = requireMemberEntity(sim, org.id, input.MemberId, "member");
    if (member.id === group.id) throw fail.invalidParameter(`The group ${group.name} cannot be a member of itself.`);
    if (member.type === "GROUP" && containsTransitively(sim, org.id, member.id, group.id)) {
      throw fail.invalidParameter(
        `Adding ${member.name} to ${group.name} would create a membership cycle: ${group.name} is already a member of ${member.name}.`,
      );
    }
    sim.db
      .prepare(
        "INSERT INTO group_members (org_id, group_id, member_id, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
      )
      .run(org.id, group.id, member.id, sim.now.getTime());
    return {};
  },

  DisassociateMemberFromGroup(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const group = requireGroup(sim, org.id, input.GroupId);
    const member = findEntity(sim, org.id, input.MemberId);
    if (member === undefined)
      throw fail.entityNotFound(`The user or group ${input.MemberId} does not exist in organization ${org.id}.`);
    const removed = sim.db
      .prepare("DELETE FROM group_members WHERE org_id = ? AND group_id = ? AND member_id = ?")
      .run(org.id, group.id, member.id);
    if (removed.changes === 0) throw fail.entityNotFound(`${member.name} is not a member of the group ${group.name}.`);
    return {};
  },

  ListGroupMembers(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const group = requireGroup(sim, org.id, input.GroupId);
    const pager = startPage("ListGroupMembers", input, { org: org.id, group: group.id });
    const rows = sim.db
      .prepare<[string, string, number, number], MemberRow>(
        `SELECT e.*, gm.added_at FROM group_members gm JOIN entities e ON e.org_id = gm.org_id AND e.id = gm.member_id
         WHERE gm.org_id = ? AND gm.group_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`,
      )
      .all(org.id, group.id, Number(pager.after ?? 0), pager.limit + 1);
    const page = pager.finish(rows, (r) => r.seq);
    return {
      Members: page.items.map((row) => ({
        Id: row.id,
        Name: row.name,
        Type: row.type as MemberType,
        State: row.state,
        EnabledDate: date(row.enabled_at),
        DisabledDate: date(row.disabled_at),
      })),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  },

  ListGroupsForEntity(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const entity = requireEntity(sim, org.id, input.EntityId);
    if (entity.type === "RESOURCE")
      throw fail.invalidParameter(`Resources are not members of groups; ${entity.name} is a resource.`);
    if (entity.state === "DELETED")
      throw fail.entityState(`The ${entity.type.toLowerCase()} ${entity.name} is deleted.`);
    const prefix = input.Filters?.GroupNamePrefix ?? "";
    const pager = startPage("ListGroupsForEntity", input, { org: org.id, entity: entity.id, prefix });
    const rows = sim.db
      .prepare<[string, string, number, number, string, number], EntityRow>(
        `SELECT e.* FROM group_members gm JOIN entities e ON e.org_id = gm.org_id AND e.id = gm.group_id
         WHERE gm.org_id = ? AND gm.member_id = ? AND e.seq > ? AND substr(e.name, 1, ?) = ? ORDER BY e.seq LIMIT ?`,
      )
      .all(org.id, entity.id, Number(pager.after ?? 0), prefix.length, prefix, pager.limit + 1);
    const page = pager.finish(rows, (r) => r.seq);
    return {
      Groups: page.items.map((row) => ({ GroupId: row.id, GroupName: row.name })),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  },
};

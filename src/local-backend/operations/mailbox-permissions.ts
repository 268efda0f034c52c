import type { MemberType, PermissionType } from "@aws-sdk/client-workmail";
import type { Sim } from "../sim.js";
import { fail } from "../errors.js";
import { canHaveMailbox } from "../mail/mailbox-store.js";
import { startPage } from "../pagination.js";
import type { Handlers } from "./handler.js";
import { requireOrganization } from "./organizations.js";
import { requireEntity, requireLiveEntity, type EntityRow } from "./entities.js";

const ORDER: readonly PermissionType[] = ["FULL_ACCESS", "SEND_AS", "SEND_ON_BEHALF"];

interface PermissionRow {
  grantee_id: string;
  grantee_type: MemberType;
  permissions: string;
  seq: number;
}

/**
 * The mailbox a permission is set on: a user with a mailbox, a resource, or a group (whose
 * "mailbox" permissions are send permissions on its address). Deleted -> EntityStateException.
 */
function permissionEntity(sim: Sim, orgId: string, identifier: string, forWrite: boolean): EntityRow {
  const row = requireLiveEntity(sim, orgId, identifier);
  if (row.type === "USER" && !canHaveMailbox(row))
    throw fail.invalidParameter(`${row.name} is a remote user and has no mailbox in WorkMail.`);
  if (forWrite && row.state !== "ENABLED") {
    throw fail.entityState(
      `The ${row.type.toLowerCase()} ${row.name} is ${row.state}; mailbox permissions can only be set on an enabled ${row.type.toLowerCase()}.`,
    );
  }
  return row;
}

/** Guide: permissions are granted to users and groups (never resources), which must be enabled. */
function permissionGrantee(sim: Sim, orgId: string, identifier: string): EntityRow {
  const row = requireEntity(sim, orgId, identifier);
  if (row.type === "RESOURCE")
    throw fail.invalidParameter(`${row.name} is a resource; mailbox permissions are granted to users and groups.`);
  if (row.state === "DELETED") throw fail.entityState(`The ${row.type.toLowerCase()} ${row.name} is deleted.`);
  if (row.state !== "ENABLED")
    throw fail.entityState(
      `The ${row.type.toLowerCase()} ${row.name} is ${row.state}; only enabled users and groups can be granted permissions.`,
    );
  return row;
}

export const mailboxPermissionHandlers: Handlers = {
  PutMailboxPermissions(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const entity = permissionEntity(sim, org.id, input.EntityId, true);
    const grantee = permissionGrantee(sim, org.id, input.GranteeId);
    if (grantee.id === entity.id)
      throw fail.invalidParameter(`${entity.name} cannot be granted permissions on its own mailbox.`);
    const values = ORDER.filter((p) => input.PermissionValues.includes(p));
    if (values.length === 0) {
      throw fail.invalidParameter(
        "PermissionValues must name at least one of FULL_ACCESS, SEND_AS, SEND_ON_BEHALF; use DeleteMailboxPermissions to remove them all.",
      );
    }
    if (values.includes("FULL_ACCESS") && grantee.type === "GROUP") {
      throw fail.invalidParameter(
        `FULL_ACCESS cannot be granted to the group ${grantee.name}: groups can't be granted full access rights.`,
      );
    }
    if (values.includes("FULL_ACCESS") && entity.type === "GROUP") {
      throw fail.invalidParameter(
        `FULL_ACCESS cannot be applied to the group ${entity.name}: groups don't have a mailbox to access.`,
      );
    }
    const now = sim.now.getTime();
    const seq =
      (sim.db.prepare<[], { s: number | null }>("SELECT max(seq) AS s FROM mailbox_permissions").get()?.s ?? 0) + 1;
    sim.db
      .prepare(
        `INSERT INTO mailbox_permissions (org_id, entity_id, grantee_id, grantee_type, permissions, seq, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(org_id, entity_id, grantee_id) DO UPDATE SET permissions = excluded.permissions, updated_at = excluded.updated_at`,
      )
      .run(org.id, entity.id, grantee.id, grantee.type, JSON.stringify(values), seq, now, now);
    return {};
  },

  DeleteMailboxPermissions(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const entity = permissionEntity(sim, org.id, input.EntityId, false);
    const grantee = requireEntity(sim, org.id, input.GranteeId);
    sim.db
      .prepare("DELETE FROM mailbox_permissions WHERE org_id = ? AND entity_id = ? AND grantee_id = ?")
      .run(org.id, entity.id, grantee.id);
    return {};
  },

  ListMailboxPermissions(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const entity = requireEntity(sim, org.id, input.EntityId);
    if (entity.state === "DELETED")
      throw fail.entityNotFound(
        `The ${entity.type.toLowerCase()} ${input.EntityId} does not exist in organization ${org.id}.`,
      );
    const pager = startPage("ListMailboxPermissions", input, { org: org.id, entity: entity.id });
    // Grants to entities deleted since then are not listed (the rows stay: a deleted entity keeps its id, never reused).
    const rows = sim.db
      .prepare<[string, string, number, number], PermissionRow>(
        `SELECT p.grantee_id, p.grantee_type, p.permissions, p.seq
           FROM mailbox_permissions p
           JOIN entities g ON g.org_id = p.org_id AND g.id = p.grantee_id
          WHERE p.org_id = ? AND p.entity_id = ? AND g.state <> 'DELETED' AND p.seq > ?
          ORDER BY p.seq LIMIT ?`,
      )
      .all(org.id, entity.id, Number(pager.after ?? 0), pager.limit + 1);
    const page = pager.finish(rows, (r) => r.seq);
    return {
      Permissions: page.items.map((r) => ({
        GranteeId: r.grantee_id,
        GranteeType: r.grantee_type,
        PermissionValues: JSON.parse(r.permissions) as PermissionType[],
      })),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  },
};

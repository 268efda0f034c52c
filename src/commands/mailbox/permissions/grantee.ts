import { mapOrdered } from "../../../backend/map-ordered.js";
import { paginate } from "../../../backend/paginate.js";
import type { WorkMailApi } from "../../../backend/workmail-api.js";
import type { ResolvedEntity } from "../../../context/entity-resolver.js";
import type { PermissionView } from "../view.js";
import { listPermissions, permissionView } from "./shared.js";

/**
 * `mailbox permissions list --grantee bob`: the mailboxes bob can use, granted to bob directly or
 * to a group bob is in (nested groups included; `via` names the group). One ListMailboxPermissions
 * per user, resource and group mailbox, 8 at a time.
 */
export async function* permissionsOfGrantee(
  api: WorkMailApi,
  org: string,
  grantee: ResolvedEntity,
): AsyncGenerator<PermissionView> {
  const via = new Map<string, string>([[grantee.id, "direct"], ...(await groupsContaining(api, org, grantee.id))]);
  const rows = mapOrdered(mailboxes(api, org), async (m) => {
    const found: PermissionView[] = [];
    for (const p of await listPermissions(api, org, m.id)) {
      const how = via.get(p.GranteeId ?? "");
      if (how !== undefined && m.id !== grantee.id)
        found.push(permissionView(m, grantee, p.PermissionValues ?? [], how));
    }
    return found;
  });
  for await (const found of rows) yield* found;
}

/** Every group that contains the entity, directly or through nested groups: id -> name. */
async function groupsContaining(api: WorkMailApi, org: string, entityId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const queue = [entityId];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for await (const g of paginate(
      (t) => api.listGroupsForEntity({ OrganizationId: org, EntityId: id, NextToken: t }),
      "Groups",
    )) {
      if (g.GroupId === undefined || out.has(g.GroupId)) continue;
      out.set(g.GroupId, g.GroupName ?? g.GroupId);
      queue.push(g.GroupId);
    }
  }
  return out;
}

/** The mailboxes of the organization that can carry permissions: live users, resources and groups. */
async function* mailboxes(api: WorkMailApi, org: string): AsyncGenerator<ResolvedEntity> {
  const live = (s: string | undefined) => s !== "DELETED";
  for await (const u of paginate((t) => api.listUsers({ OrganizationId: org, NextToken: t }), "Users")) {
    if (u.Id !== undefined && live(u.State) && u.UserRole !== "REMOTE_USER")
      yield { id: u.Id, type: "USER", name: u.Name ?? u.Id, email: u.Email, state: u.State };
  }
  for await (const r of paginate((t) => api.listResources({ OrganizationId: org, NextToken: t }), "Resources")) {
    if (r.Id !== undefined && live(r.State))
      yield { id: r.Id, type: "RESOURCE", name: r.Name ?? r.Id, email: r.Email, state: r.State };
  }
  for await (const g of paginate((t) => api.listGroups({ OrganizationId: org, NextToken: t }), "Groups")) {
    if (g.Id !== undefined && live(g.State))
      yield { id: g.Id, type: "GROUP", name: g.Name ?? g.Id, email: g.Email, state: g.State };
  }
}

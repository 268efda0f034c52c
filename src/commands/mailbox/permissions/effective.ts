import { paginate } from "../../../backend/paginate.js";
import type { WorkMailApi } from "../../../backend/workmail-api.js";
import type { CommandContext } from "../../../context/context.js";
import type { ResolvedEntity } from "../../../context/entity-resolver.js";
import type { PermissionView } from "../view.js";
import { granteeOf, listPermissions, permissionView } from "./shared.js";

/**
 * Guide: "Granting mailbox permissions to a group extends those permissions to all the members of
 * that group, including members of nested groups." One row per user who ends up with a
 * permission: the union of direct grants and those of every group that contains them; `via` names
 * where each came from (`direct`, group names).
 */
export async function effectivePermissions(
  ctx: CommandContext,
  api: WorkMailApi,
  org: string,
  mailbox: ResolvedEntity,
): Promise<PermissionView[]> {
  const users = new Map<string, { user: ResolvedEntity; values: Set<string>; via: string[] }>();
  const grant = (user: ResolvedEntity, values: readonly string[], via: string) => {
    const entry = users.get(user.id) ?? { user, values: new Set<string>(), via: [] };
    for (const v of values) entry.values.add(v);
    if (!entry.via.includes(via)) entry.via.push(via);
    users.set(user.id, entry);
  };
  for (const p of await listPermissions(api, org, mailbox.id)) {
    const values = p.PermissionValues ?? [];
    const grantee = await granteeOf(ctx, p.GranteeId as string, p.GranteeType);
    if (p.GranteeType !== "GROUP") {
      grant(grantee, values, "direct");
      continue;
    }
    const seen = new Set<string>([grantee.id]);
    const queue = [grantee.id];
    while (queue.length > 0) {
      const groupId = queue.shift() as string;
      for await (const m of paginate(
        (t) => api.listGroupMembers({ OrganizationId: org, GroupId: groupId, NextToken: t }),
        "Members",
      )) {
        if (m.Id === undefined || seen.has(m.Id) || m.State === "DELETED") continue;
        seen.add(m.Id);
        if (m.Type === "GROUP") queue.push(m.Id);
        else
          grant(
            { id: m.Id, type: "USER", name: m.Name ?? m.Id, email: undefined, state: m.State },
            values,
            grantee.name,
          );
      }
    }
  }
  const out: PermissionView[] = [];
  for (const { user, values, via } of users.values()) {
    if (user.id === mailbox.id) continue;
    const full = user.email === undefined ? await granteeOf(ctx, user.id, "USER") : user;
    out.push(permissionView(mailbox, full, [...values], via.join(",")));
  }
  return out;
}

import { paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import { NotFoundError } from "../../errors/cli-error.js";

export interface RoleRef {
  readonly id: string;
  readonly name: string;
  readonly type: string | undefined;
}

/** Every impersonation role of an organization (at most 20). */
export async function listRoles(api: WorkMailApi, orgId: string): Promise<RoleRef[]> {
  const out: RoleRef[] = [];
  for await (const r of paginate((t) => api.listImpersonationRoles({ OrganizationId: orgId, NextToken: t }), "Roles")) {
    if (r.ImpersonationRoleId !== undefined)
      out.push({ id: r.ImpersonationRoleId, name: r.Name ?? r.ImpersonationRoleId, type: r.Type });
  }
  return out;
}

/** An impersonation role of `roles` named by its name (any case) or its id. */
export function findRole(roles: readonly RoleRef[], ref: string, orgId: string): RoleRef {
  const hit = roles.find((r) => r.id === ref) ?? roles.find((r) => r.name.toLowerCase() === ref.toLowerCase());
  if (hit === undefined)
    throw new NotFoundError(
      `no impersonation role "${ref}" in organization ${orgId}`,
      "see `wmctl impersonation-role list`",
    );
  return hit;
}

/** An impersonation role named by its name (any case) or its id. */
export async function resolveRole(api: WorkMailApi, orgId: string, ref: string): Promise<RoleRef> {
  return findRole(await listRoles(api, orgId), ref, orgId);
}

import type { Permission, PermissionType } from "@aws-sdk/client-workmail";
import type { WorkMailApi } from "../../../backend/workmail-api.js";
import { collect, paginate } from "../../../backend/paginate.js";
import type { CommandContext } from "../../../context/context.js";
import type { ResolvedEntity } from "../../../context/entity-resolver.js";
import { UsageError } from "../../../errors/cli-error.js";
import { parsePermission, PERMISSIONS, type PermissionView } from "../view.js";

export async function listPermissions(api: WorkMailApi, org: string, entityId: string): Promise<Permission[]> {
  return collect(
    paginate(
      (t) => api.listMailboxPermissions({ OrganizationId: org, EntityId: entityId, NextToken: t }),
      "Permissions",
    ),
  );
}

export function parsePermissions(values: readonly string[]): PermissionType[] {
  const out: PermissionType[] = [];
  for (const v of values) {
    const p = parsePermission(v);
    if (p === undefined)
      throw new UsageError(
        `unknown permission "${v}"`,
        `use ${PERMISSIONS.join(", ")} (or full-access, send-as, send-on-behalf)`,
      );
    if (!out.includes(p)) out.push(p);
  }
  return PERMISSIONS.filter((p) => out.includes(p));
}

export function permissionView(
  mailbox: ResolvedEntity,
  grantee: ResolvedEntity,
  values: readonly string[],
  via?: string,
): PermissionView {
  return {
    mailbox: mailbox.name,
    grantee: grantee.name,
    granteeEmail: grantee.email,
    granteeType: grantee.type,
    granteeId: grantee.id,
    permissions: PERMISSIONS.filter((p) => values.includes(p)).join(","),
    ...(via === undefined ? {} : { via }),
  };
}

/** A grantee id from ListMailboxPermissions as an entity (deleted since: shown by id). */
export async function granteeOf(ctx: CommandContext, id: string, type: string | undefined): Promise<ResolvedEntity> {
  try {
    return await ctx.resolve.entity(id, type === "GROUP" ? ["GROUP"] : ["USER"]);
  } catch {
    return { id, type: type === "GROUP" ? "GROUP" : "USER", name: id, email: undefined, state: undefined };
  }
}

import { randomUUID } from "node:crypto";
import type { ImpersonationRule } from "@aws-sdk/client-workmail";
import { paginate } from "../../backend/paginate.js";
import type { WorkMailApi } from "../../backend/workmail-api.js";
import type { EntityIds, InventoryArea, RestoreStep } from "../area.js";
import { attempt, cell, skipped, userIdsOf, userRefs } from "./policy-steps.js";

interface InventoryImpersonationRule {
  id: string;
  name?: string | undefined;
  description?: string | undefined;
  effect: "ALLOW" | "DENY";
  targetUsers?: string[] | undefined;
  notTargetUsers?: string[] | undefined;
}

export interface InventoryImpersonationRole {
  name: string;
  type: "FULL_ACCESS" | "READ_ONLY";
  description?: string | undefined;
  rules: InventoryImpersonationRule[];
}

const AREA = "impersonation-roles";

/** Roles by name, rules with their target users by name. Restore updates roles of the same name and creates the others. */
export const impersonationRolesArea: InventoryArea<InventoryImpersonationRole[]> = {
  name: AREA,

  async collect(api, orgId, refs) {
    const out: InventoryImpersonationRole[] = [];
    for await (const r of paginate(
      (t) => api.listImpersonationRoles({ OrganizationId: orgId, NextToken: t }),
      "Roles",
    )) {
      const role = await api.getImpersonationRole({
        OrganizationId: orgId,
        ImpersonationRoleId: r.ImpersonationRoleId as string,
      });
      out.push({
        name: role.Name as string,
        type: role.Type as InventoryImpersonationRole["type"],
        ...(role.Description === undefined ? {} : { description: role.Description }),
        rules: (role.Rules ?? []).map((rule) => ({
          id: rule.ImpersonationRuleId as string,
          ...(rule.Name === undefined ? {} : { name: rule.Name }),
          ...(rule.Description === undefined ? {} : { description: rule.Description }),
          effect: rule.Effect as "ALLOW" | "DENY",
          ...(rule.TargetUsers?.length ? { targetUsers: userRefs(refs, rule.TargetUsers) } : {}),
          ...(rule.NotTargetUsers?.length ? { notTargetUsers: userRefs(refs, rule.NotTargetUsers) } : {}),
        })),
      });
    }
    return out;
  },

  async restore(api, orgId, data, refs) {
    const existing = new Map<string, string>();
    for await (const r of paginate(
      (t) => api.listImpersonationRoles({ OrganizationId: orgId, NextToken: t }),
      "Roles",
    )) {
      existing.set((r.Name ?? "").toLowerCase(), r.ImpersonationRoleId as string);
    }
    const steps: RestoreStep[] = [];
    for (const role of data) {
      const id = existing.get(role.name.toLowerCase());
      if (id !== undefined && (await sameRole(api, orgId, id, role, refs))) {
        steps.push(skipped(AREA, "UpdateImpersonationRole", role.name));
        continue;
      }
      steps.push(
        await attempt(
          AREA,
          id === undefined ? "CreateImpersonationRole" : "UpdateImpersonationRole",
          role.name,
          id === undefined ? "created" : "updated",
          async () => {
            const rules: ImpersonationRule[] = role.rules.map((r) => ({
              ImpersonationRuleId: r.id,
              ...(r.name === undefined ? {} : { Name: r.name }),
              ...(r.description === undefined ? {} : { Description: r.description }),
              Effect: r.effect,
              ...(r.targetUsers === undefined ? {} : { TargetUsers: userIdsOf(refs, r.targetUsers) }),
              ...(r.notTargetUsers === undefined ? {} : { NotTargetUsers: userIdsOf(refs, r.notTargetUsers) }),
            }));
            const common = {
              OrganizationId: orgId,
              Name: role.name,
              Type: role.type,
              Rules: rules,
              ...(role.description === undefined ? {} : { Description: role.description }),
            };
            if (id === undefined) await api.createImpersonationRole({ ...common, ClientToken: randomUUID() });
            else await api.updateImpersonationRole({ ...common, ImpersonationRoleId: id });
          },
        ),
      );
    }
    return steps;
  },

  tables(data) {
    return {
      "impersonation-roles": data.flatMap((role) =>
        (role.rules.length === 0 ? [undefined] : role.rules).map((r) => ({
          role: role.name,
          type: role.type,
          roleDescription: role.description ?? "",
          rule: r?.name ?? r?.id ?? "",
          effect: r?.effect ?? "",
          targetUsers: cell(r?.targetUsers),
          notTargetUsers: cell(r?.notTargetUsers),
        })),
      ),
    };
  },
};

/** Whether the target's role already has the type, description and rules (ids aside) of the inventory's; a user it cannot resolve means no. */
async function sameRole(
  api: WorkMailApi,
  orgId: string,
  id: string,
  role: InventoryImpersonationRole,
  refs: EntityIds,
): Promise<boolean> {
  const have = await api.getImpersonationRole({ OrganizationId: orgId, ImpersonationRoleId: id });
  const key = (r: {
    name?: string | undefined;
    description?: string | undefined;
    effect?: string | undefined;
    targets?: string[] | undefined;
    notTargets?: string[] | undefined;
  }) =>
    JSON.stringify([
      r.name ?? "",
      r.description ?? "",
      r.effect ?? "",
      [...(r.targets ?? [])].sort(),
      [...(r.notTargets ?? [])].sort(),
    ]);
  try {
    const want = role.rules
      .map((r) => key({ ...r, targets: userIdsOf(refs, r.targetUsers), notTargets: userIdsOf(refs, r.notTargetUsers) }))
      .sort();
    const now = (have.Rules ?? [])
      .map((r) =>
        key({
          name: r.Name,
          description: r.Description,
          effect: r.Effect,
          targets: r.TargetUsers,
          notTargets: r.NotTargetUsers,
        }),
      )
      .sort();
    return (
      have.Type === role.type &&
      (have.Description ?? "") === (role.description ?? "") &&
      JSON.stringify(want) === JSON.stringify(now)
    );
  } catch {
    return false;
  }
}

/** Role id -> name in an organization (for areas that refer to roles). */
export async function roleNamesById(api: WorkMailApi, orgId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const r of paginate((t) => api.listImpersonationRoles({ OrganizationId: orgId, NextToken: t }), "Roles")) {
    out.set(r.ImpersonationRoleId as string, r.Name as string);
  }
  return out;
}

import type { PutAccessControlRuleRequest } from "@aws-sdk/client-workmail";
import type { InventoryArea, RestoreStep } from "../area.js";
import { roleNamesById } from "./impersonation-roles.js";
import { alreadyEqual, attempt, cell, skipped, userIdsOf, userRefs } from "./policy-steps.js";

export interface InventoryAccessRule {
  name: string;
  effect: "ALLOW" | "DENY";
  description: string;
  protocols?: string[] | undefined;
  notProtocols?: string[] | undefined;
  ipRanges?: string[] | undefined;
  notIpRanges?: string[] | undefined;
  users?: string[] | undefined;
  notUsers?: string[] | undefined;
  roles?: string[] | undefined;
  notRoles?: string[] | undefined;
}

const AREA = "access-rules";
const MAX_RULES = 10;

const some = (l: string[] | undefined) => (l !== undefined && l.length > 0 ? l : undefined);

/**
 * The organization's rule set, users by name and impersonation roles by name (restore them first).
 * Restore makes the target's rule set equal to the inventory's: rules are put by name, and rules the
 * inventory does not have (such as a new organization's `default`) are deleted, since rules are
 * evaluated as a whole: an extra allow-all rule would open what the inventory closed. An inventory
 * with no rules restores "no rules", which blocks all access, as in the source.
 */
export const accessRulesArea: InventoryArea<InventoryAccessRule[]> = {
  name: AREA,

  async collect(api, orgId, refs) {
    const roles = await roleNamesById(api, orgId);
    const roleRefs = (ids: string[] | undefined) => some(ids)?.map((id) => roles.get(id) ?? id);
    const { Rules } = await api.listAccessControlRules({ OrganizationId: orgId });
    return (Rules ?? []).map((r) => ({
      name: r.Name as string,
      effect: r.Effect as "ALLOW" | "DENY",
      description: r.Description ?? "",
      ...optional({
        protocols: some(r.Actions),
        notProtocols: some(r.NotActions),
        ipRanges: some(r.IpRanges),
        notIpRanges: some(r.NotIpRanges),
        users: userRefs(refs, r.UserIds),
        notUsers: userRefs(refs, r.NotUserIds),
        roles: roleRefs(r.ImpersonationRoleIds),
        notRoles: roleRefs(r.NotImpersonationRoleIds),
      }),
    }));
  },

  async restore(api, orgId, data, refs) {
    const roleIds = new Map([...(await roleNamesById(api, orgId))].map(([id, name]) => [name.toLowerCase(), id]));
    const roleIdsOf = (names: string[] | undefined) =>
      names?.map((n) => {
        const id = roleIds.get(n.toLowerCase());
        if (id === undefined) throw new Error(`no impersonation role "${n}" in the target organization`);
        return id;
      });
    const rules = (await api.listAccessControlRules({ OrganizationId: orgId })).Rules ?? [];
    const current = rules.map((r) => r.Name as string);
    const wanted = new Set(data.map((r) => r.name));
    const extra = current.filter((n) => !wanted.has(n));
    const steps: RestoreStep[] = [];
    const put = async (rule: InventoryAccessRule) => {
      const existing = rules.find((r) => r.Name === rule.name);
      let input: Omit<PutAccessControlRuleRequest, "OrganizationId">;
      try {
        input = {
          Name: rule.name,
          Effect: rule.effect,
          Description: (rule.description ?? "") === "" ? rule.name : rule.description,
          Actions: rule.protocols,
          NotActions: rule.notProtocols,
          IpRanges: rule.ipRanges,
          NotIpRanges: rule.notIpRanges,
          UserIds: userIdsOf(refs, rule.users),
          NotUserIds: userIdsOf(refs, rule.notUsers),
          ImpersonationRoleIds: roleIdsOf(rule.roles),
          NotImpersonationRoleIds: roleIdsOf(rule.notRoles),
        };
      } catch (e) {
        steps.push({
          area: AREA,
          action: "PutAccessControlRule",
          target: rule.name,
          result: "failed",
          message: (e as Error).message,
        });
        return;
      }
      if (existing !== undefined && alreadyEqual(existing as Record<string, unknown>, input)) {
        steps.push(skipped(AREA, "PutAccessControlRule", rule.name));
        return;
      }
      const body = input;
      steps.push(
        await attempt(AREA, "PutAccessControlRule", rule.name, existing ? "updated" : "created", () =>
          api.putAccessControlRule({ OrganizationId: orgId, ...body }),
        ),
      );
    };
    const remove = async (name: string) => {
      steps.push(
        await attempt(AREA, "DeleteAccessControlRule", name, "deleted", () =>
          api.deleteAccessControlRule({ OrganizationId: orgId, Name: name }),
        ),
      );
    };
    // Stay within the 10-rule limit: when the new rules do not fit beside the extra ones, make room first.
    const added = data.filter((r) => !current.includes(r.name)).length;
    const makeRoomFirst = current.length + added > MAX_RULES;
    if (makeRoomFirst) for (const n of extra) await remove(n);
    for (const r of data) await put(r);
    if (!makeRoomFirst) for (const n of extra) await remove(n);
    return steps;
  },

  tables(data) {
    return {
      "access-rules": data.map((r) => ({
        name: r.name,
        effect: r.effect,
        description: r.description,
        protocols: cell(r.protocols),
        notProtocols: cell(r.notProtocols),
        ipRanges: cell(r.ipRanges),
        notIpRanges: cell(r.notIpRanges),
        users: cell(r.users),
        notUsers: cell(r.notUsers),
        roles: cell(r.roles),
        notRoles: cell(r.notRoles),
      })),
    };
  },
};

function optional<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

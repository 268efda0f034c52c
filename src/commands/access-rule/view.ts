import type { AccessControlRule } from "@aws-sdk/client-workmail";
import type { CommandContext } from "../../context/context.js";
import { entityLabels } from "../../context/entity-labels.js";
import type { OutputSpec } from "../../output/format.js";

export interface AccessRuleView {
  name: string | undefined;
  effect: string | undefined;
  description: string | undefined;
  /** A one-line summary of every condition ("all requests" when there is none). */
  conditions: string;
  protocols: string[] | undefined;
  notProtocols: string[] | undefined;
  ipRanges: string[] | undefined;
  notIpRanges: string[] | undefined;
  users: string[] | undefined;
  notUsers: string[] | undefined;
  roles: string[] | undefined;
  notRoles: string[] | undefined;
  created: Date | undefined;
  modified: Date | undefined;
}

const ACCESS_RULE_FIELDS = [
  "name",
  "effect",
  "description",
  "conditions",
  "protocols",
  "notProtocols",
  "ipRanges",
  "notIpRanges",
  "users",
  "notUsers",
  "roles",
  "notRoles",
  "created",
  "modified",
] as const;

export const accessRuleListOutput: OutputSpec = {
  fields: ACCESS_RULE_FIELDS,
  columns: ["name", "effect", "conditions", "description"],
  list: true,
  empty: "no access control rules (all access is denied)",
};
export const accessRuleRecordOutput: OutputSpec = {
  fields: ACCESS_RULE_FIELDS,
  columns: ["name", "effect", "description", "conditions", "created", "modified"],
};

/** `protocol IMAP; not from 10.0.0.0/8`; `none` when the rule has no condition (it applies to all). */
export function conditionSummary(
  parts: ReadonlyArray<[string, readonly string[] | undefined]>,
  none = "all requests",
): string {
  const out = parts
    .filter(([, v]) => v !== undefined && v.length > 0)
    .map(([label, v]) => `${label} ${(v ?? []).join(",")}`);
  return out.length === 0 ? none : out.join("; ");
}

/** A rule's conditions as admins read them (users by email or name, roles by name), each absent when empty. */
export async function accessRuleConditions(
  ctx: CommandContext,
  r: AccessControlRule,
  roleNames: ReadonlyMap<string, string>,
) {
  const roles = (ids: string[] | undefined) =>
    ids === undefined || ids.length === 0 ? undefined : ids.map((id) => roleNames.get(id) ?? id);
  return {
    protocols: r.Actions?.length ? r.Actions : undefined,
    notProtocols: r.NotActions?.length ? r.NotActions : undefined,
    ipRanges: r.IpRanges?.length ? r.IpRanges : undefined,
    notIpRanges: r.NotIpRanges?.length ? r.NotIpRanges : undefined,
    users: await entityLabels(ctx.resolve, r.UserIds),
    notUsers: await entityLabels(ctx.resolve, r.NotUserIds),
    roles: roles(r.ImpersonationRoleIds),
    notRoles: roles(r.NotImpersonationRoleIds),
  };
}

/** A rule as admins read it: users by email or name, roles by name. */
export async function accessRuleView(
  ctx: CommandContext,
  r: AccessControlRule,
  roleNames: ReadonlyMap<string, string>,
): Promise<AccessRuleView> {
  const v = await accessRuleConditions(ctx, r, roleNames);
  return {
    name: r.Name,
    effect: r.Effect,
    description: r.Description,
    conditions: conditionSummary([
      ["protocol", v.protocols],
      ["protocol not", v.notProtocols],
      ["from", v.ipRanges],
      ["not from", v.notIpRanges],
      ["user", v.users],
      ["user not", v.notUsers],
      ["role", v.roles],
      ["role not", v.notRoles],
    ]),
    ...v,
    created: r.DateCreated,
    modified: r.DateModified,
  };
}

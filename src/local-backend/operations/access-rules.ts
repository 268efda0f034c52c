import { fail } from "../errors.js";
import { ACCESS_ACTIONS, canonicalAction, evaluateAccessControl } from "../rules/access-control.js";
import type { Sim } from "../sim.js";
import {
  accessRuleOutput,
  accessRuleRows,
  MAX_ACCESS_RULES,
  ruleConditions,
  type AccessRuleRow,
  type Conditions,
} from "./access-rules-store.js";
import { requireEntity } from "./entities.js";
import type { Handlers } from "./handler.js";
import { findImpersonationRole } from "./impersonation-store.js";
import { requireOrganization } from "./organizations.js";

/** Checks action names; returns them in the service's spelling. */
function checkActions(list: readonly string[] | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  return list.map((a) => {
    const canonical = canonicalAction(a);
    if (canonical === undefined)
      throw fail.invalidParameter(`Invalid action: ${a}. Valid actions are ${ACCESS_ACTIONS.join(", ")}.`);
    return canonical;
  });
}

/** Users named in a rule must be users of the organization; stored by id. */
function checkUsers(sim: Sim, orgId: string, list: readonly string[] | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  return list.map((ref) => {
    const row = requireEntity(sim, orgId, ref, ["USER"]);
    if (row.state === "DELETED") throw fail.entityNotFound(`The user ${ref} does not exist in organization ${orgId}.`);
    return row.id;
  });
}

function checkRoles(sim: Sim, orgId: string, list: readonly string[] | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  for (const id of list) {
    if (findImpersonationRole(sim, orgId, id) === undefined) {
      throw fail.resourceNotFound(`The impersonation role ${id} does not exist in organization ${orgId}.`);
    }
  }
  return [...list];
}

function dedupe(list: string[] | undefined): string[] | undefined {
  return list === undefined ? undefined : [...new Set(list)];
}

export const accessRuleHandlers: Handlers = {
  PutAccessControlRule(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const conditions: Conditions = {};
    const set = (key: keyof Conditions, value: string[] | undefined) => {
      const v = dedupe(value);
      if (v !== undefined && v.length > 0) conditions[key] = v;
    };
    set("Actions", checkActions(input.Actions));
    set("NotActions", checkActions(input.NotActions));
    set("IpRanges", input.IpRanges === undefined ? undefined : [...input.IpRanges]);
    set("NotIpRanges", input.NotIpRanges === undefined ? undefined : [...input.NotIpRanges]);
    set("UserIds", checkUsers(sim, org.id, input.UserIds));
    set("NotUserIds", checkUsers(sim, org.id, input.NotUserIds));
    set("ImpersonationRoleIds", checkRoles(sim, org.id, input.ImpersonationRoleIds));
    set("NotImpersonationRoleIds", checkRoles(sim, org.id, input.NotImpersonationRoleIds));

    const now = sim.now.getTime();
    const existing = sim.db
      .prepare<[string, string], AccessRuleRow>("SELECT * FROM access_control_rules WHERE org_id = ? AND name = ?")
      .get(org.id, input.Name);
    if (existing !== undefined) {
      // "Adding a new rule with the same name as an existing rule replaces the older rule."
      sim.db
        .prepare(
          "UPDATE access_control_rules SET effect = ?, description = ?, conditions = ?, modified_at = ? WHERE org_id = ? AND name = ?",
        )
        .run(input.Effect, input.Description, JSON.stringify(conditions), now, org.id, input.Name);
      return {};
    }
    const count =
      sim.db
        .prepare<[string], { n: number }>("SELECT count(*) AS n FROM access_control_rules WHERE org_id = ?")
        .get(org.id)?.n ?? 0;
    if (count >= MAX_ACCESS_RULES) {
      throw fail.limitExceeded(
        `Organization ${org.id} already has ${MAX_ACCESS_RULES} access control rules, the maximum.`,
      );
    }
    sim.db
      .prepare(
        "INSERT INTO access_control_rules (org_id, name, effect, description, conditions, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(org.id, input.Name, input.Effect, input.Description, JSON.stringify(conditions), now, now);
    return {};
  },

  ListAccessControlRules(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    return { Rules: accessRuleRows(sim, org.id).map(accessRuleOutput) };
  },

  DeleteAccessControlRule(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    // "Deleting already deleted and non-existing rules does not produce an error."
    sim.db.prepare("DELETE FROM access_control_rules WHERE org_id = ? AND name = ?").run(org.id, input.Name);
    return {};
  },

  GetAccessControlEffect(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const action = canonicalAction(input.Action);
    if (action === undefined)
      throw fail.invalidParameter(`Invalid action: ${input.Action}. Valid actions are ${ACCESS_ACTIONS.join(", ")}.`);
    const byUser = input.UserId !== undefined;
    const byRole = input.ImpersonationRoleId !== undefined;
    if (byUser === byRole)
      throw fail.invalidParameter("You must provide either the user ID or the impersonation role ID, not both.");
    let userId: string | undefined;
    if (byUser) {
      const row = requireEntity(sim, org.id, input.UserId as string, ["USER"]);
      if (row.state === "DELETED")
        throw fail.entityNotFound(`The user ${input.UserId} does not exist in organization ${org.id}.`);
      userId = row.id;
    } else {
      if (action !== "EWS") throw fail.invalidParameter("Impersonation role ID can only be used with Action EWS.");
      if (findImpersonationRole(sim, org.id, input.ImpersonationRoleId as string) === undefined) {
        throw fail.resourceNotFound(
          `The impersonation role ${input.ImpersonationRoleId} does not exist in organization ${org.id}.`,
        );
      }
    }
    const decision = evaluateAccessControl(accessRuleRows(sim, org.id).map(ruleConditions), {
      action,
      ipAddress: input.IpAddress,
      userId,
      impersonationRoleId: input.ImpersonationRoleId,
    });
    return { Effect: decision.effect, MatchedRules: decision.matchedRules };
  },
};

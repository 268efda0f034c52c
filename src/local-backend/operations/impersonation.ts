import { randomBytes, randomUUID } from "node:crypto";
import type { ImpersonationRule } from "@aws-sdk/client-workmail";
import { fail } from "../errors.js";
import { startPage } from "../pagination.js";
import { evaluateImpersonation, type ImpersonationRuleConditions } from "../rules/impersonation.js";
import type { Sim } from "../sim.js";
import { requireEntity } from "./entities.js";
import type { Handlers } from "./handler.js";
import {
  findImpersonationRole,
  IMPERSONATION_TOKEN_SECONDS,
  MAX_IMPERSONATION_ROLES,
  roleRules,
  tokenHash,
  type ImpersonationRoleRow,
} from "./impersonation-store.js";
import { requireOrganization } from "./organizations.js";

/** A target user of a rule: a user of the organization, stored by id. */
function targetUser(sim: Sim, orgId: string, ref: string): string {
  const row = requireEntity(sim, orgId, ref, ["USER"]);
  if (row.state === "DELETED")
    throw fail.entityState(`The user ${ref} is deleted and cannot be a target of impersonation.`);
  return row.id;
}

/** Checks a role's rules (unique ids and names, known users) and resolves their target users to ids. */
function checkRules(sim: Sim, orgId: string, rules: readonly ImpersonationRule[]): ImpersonationRule[] {
  const ids = new Set<string>();
  const names = new Set<string>();
  return rules.map((r) => {
    const id = r.ImpersonationRuleId as string;
    if (ids.has(id))
      throw fail.invalidParameter(`The rule id ${id} is used twice; rule ids must be unique within a role.`);
    ids.add(id);
    if (r.Name !== undefined) {
      if (names.has(r.Name.toLowerCase()))
        throw fail.invalidParameter(`The rule name ${r.Name} is used twice; rule names must be unique within a role.`);
      names.add(r.Name.toLowerCase());
    }
    const resolve = (list: string[] | undefined) =>
      list === undefined ? undefined : [...new Set(list.map((u) => targetUser(sim, orgId, u)))];
    const target = resolve(r.TargetUsers);
    const notTarget = resolve(r.NotTargetUsers);
    return {
      ImpersonationRuleId: id,
      ...(r.Name === undefined ? {} : { Name: r.Name }),
      ...(r.Description === undefined ? {} : { Description: r.Description }),
      Effect: r.Effect,
      ...(target === undefined ? {} : { TargetUsers: target }),
      ...(notTarget === undefined ? {} : { NotTargetUsers: notTarget }),
    };
  });
}

function checkNameFree(sim: Sim, orgId: string, name: string, exceptId?: string): void {
  const clash = sim.db
    .prepare<[string, string], { id: string }>(
      "SELECT id FROM impersonation_roles WHERE org_id = ? AND lower(name) = lower(?)",
    )
    .get(orgId, name);
  if (clash !== undefined && clash.id !== exceptId)
    throw fail.invalidParameter(`An impersonation role named ${name} already exists.`);
}

function requireRole(sim: Sim, orgId: string, roleId: string): ImpersonationRoleRow {
  const row = findImpersonationRole(sim, orgId, roleId);
  if (row === undefined)
    throw fail.resourceNotFound(`The impersonation role ${roleId} does not exist in organization ${orgId}.`);
  return row;
}

export const impersonationHandlers: Handlers = {
  CreateImpersonationRole(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    if (input.ClientToken !== undefined) {
      const previous = sim.db
        .prepare<[string, string], { id: string }>(
          "SELECT id FROM impersonation_roles WHERE org_id = ? AND client_token = ?",
        )
        .get(org.id, input.ClientToken);
      if (previous !== undefined) return { ImpersonationRoleId: previous.id };
    }
    checkNameFree(sim, org.id, input.Name);
    const rules = checkRules(sim, org.id, input.Rules);
    const count =
      sim.db
        .prepare<[string], { n: number }>("SELECT count(*) AS n FROM impersonation_roles WHERE org_id = ?")
        .get(org.id)?.n ?? 0;
    if (count >= MAX_IMPERSONATION_ROLES) {
      throw fail.limitExceeded(
        `Organization ${org.id} already has ${MAX_IMPERSONATION_ROLES} impersonation roles, the maximum.`,
      );
    }
    const id = randomUUID();
    const now = sim.now.getTime();
    sim.db
      .prepare(
        "INSERT INTO impersonation_roles (org_id, id, name, type, description, rules, client_token, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        org.id,
        id,
        input.Name,
        input.Type,
        input.Description ?? null,
        JSON.stringify(rules),
        input.ClientToken ?? null,
        now,
        now,
      );
    return { ImpersonationRoleId: id };
  },

  UpdateImpersonationRole(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = requireRole(sim, org.id, input.ImpersonationRoleId);
    checkNameFree(sim, org.id, input.Name, row.id);
    const rules = checkRules(sim, org.id, input.Rules);
    sim.db
      .prepare(
        "UPDATE impersonation_roles SET name = ?, type = ?, description = ?, rules = ?, modified_at = ? WHERE org_id = ? AND id = ?",
      )
      .run(input.Name, input.Type, input.Description ?? null, JSON.stringify(rules), sim.now.getTime(), org.id, row.id);
    return {};
  },

  DeleteImpersonationRole(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    sim.db
      .prepare("DELETE FROM impersonation_roles WHERE org_id = ? AND id = ?")
      .run(org.id, input.ImpersonationRoleId);
    sim.db
      .prepare("DELETE FROM impersonation_tokens WHERE org_id = ? AND role_id = ?")
      .run(org.id, input.ImpersonationRoleId);
    return {};
  },

  GetImpersonationRole(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = requireRole(sim, org.id, input.ImpersonationRoleId);
    return {
      ImpersonationRoleId: row.id,
      Name: row.name,
      Type: row.type,
      ...(row.description === null ? {} : { Description: row.description }),
      Rules: roleRules(row),
      DateCreated: new Date(row.created_at),
      DateModified: new Date(row.modified_at),
    };
  },

  ListImpersonationRoles(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const pager = startPage("ListImpersonationRoles", input, { org: org.id });
    const rows = sim.db
      .prepare<[string, number, number], ImpersonationRoleRow>(
        "SELECT rowid AS rid, * FROM impersonation_roles WHERE org_id = ? AND rowid > ? ORDER BY rowid LIMIT ?",
      )
      .all(org.id, Number(pager.after ?? 0), pager.limit + 1);
    const page = pager.finish(rows, (r) => r.rid);
    return {
      Roles: page.items.map((r) => ({
        ImpersonationRoleId: r.id,
        Name: r.name,
        Type: r.type,
        DateCreated: new Date(r.created_at),
        DateModified: new Date(r.modified_at),
      })),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  },

  GetImpersonationRoleEffect(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const role = requireRole(sim, org.id, input.ImpersonationRoleId);
    const target = requireEntity(sim, org.id, input.TargetUser, ["USER"]);
    if (target.state !== "ENABLED") {
      throw fail.entityState(
        `The user ${input.TargetUser} is ${target.state}; only enabled users can be impersonated.`,
      );
    }
    const decision = evaluateImpersonation(roleRules(role) as ImpersonationRuleConditions[], target.id);
    return { Type: role.type, Effect: decision.effect, MatchedRules: decision.matchedRules };
  },

  AssumeImpersonationRole(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const role = requireRole(sim, org.id, input.ImpersonationRoleId);
    const now = sim.now.getTime();
    const token = randomBytes(32).toString("base64url");
    sim.db.prepare("DELETE FROM impersonation_tokens WHERE expires_at <= ?").run(now);
    sim.db
      .prepare(
        "INSERT INTO impersonation_tokens (token_hash, org_id, role_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(tokenHash(token), org.id, role.id, now, now + IMPERSONATION_TOKEN_SECONDS * 1000);
    return { Token: token, ExpiresIn: IMPERSONATION_TOKEN_SECONDS };
  },
};

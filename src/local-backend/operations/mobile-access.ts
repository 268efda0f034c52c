import type { MobileDeviceAccessOverride } from "@aws-sdk/client-workmail";
import { fail } from "../errors.js";
import { startPage } from "../pagination.js";
import { evaluateMobileAccess } from "../rules/mobile-access.js";
import type { Sim } from "../sim.js";
import { requireEntity } from "./entities.js";
import type { Handlers } from "./handler.js";
import {
  findOverride,
  MAX_MOBILE_RULES,
  MOBILE_CONDITION_KEYS,
  mobileRuleConditions,
  mobileRuleOutput,
  mobileRuleRows,
  newMobileRuleId,
  type MobileConditions,
  type MobileOverrideRow,
  type MobileRuleRow,
} from "./mobile-access-store.js";
import { requireOrganization } from "./organizations.js";

type ConditionInput = { readonly [K in (typeof MOBILE_CONDITION_KEYS)[number]]?: string[] | undefined };

function conditionsOf(input: ConditionInput): MobileConditions {
  const c: MobileConditions = {};
  for (const k of MOBILE_CONDITION_KEYS) {
    const v = input[k];
    if (v !== undefined && v.length > 0) c[k] = [...v];
  }
  return c;
}

/** The user an override names: a live user of the organization, by id, email or name. */
function overrideUser(sim: Sim, orgId: string, ref: string): string {
  const row = requireEntity(sim, orgId, ref, ["USER"]);
  if (row.state === "DELETED") throw fail.entityState(`The user ${ref} is deleted.`);
  return row.id;
}

function overrideOutput(row: MobileOverrideRow): MobileDeviceAccessOverride {
  return {
    UserId: row.user_id,
    DeviceId: row.device_id,
    Effect: row.effect,
    ...(row.description === null ? {} : { Description: row.description }),
    DateCreated: new Date(row.created_at),
    DateModified: new Date(row.modified_at),
  };
}

export const mobileAccessHandlers: Handlers = {
  CreateMobileDeviceAccessRule(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    if (input.ClientToken !== undefined) {
      const previous = sim.db
        .prepare<[string, string], { id: string }>(
          "SELECT id FROM mobile_access_rules WHERE org_id = ? AND client_token = ?",
        )
        .get(org.id, input.ClientToken);
      if (previous !== undefined) return { MobileDeviceAccessRuleId: previous.id };
    }
    const count =
      sim.db
        .prepare<[string], { n: number }>("SELECT count(*) AS n FROM mobile_access_rules WHERE org_id = ?")
        .get(org.id)?.n ?? 0;
    if (count >= MAX_MOBILE_RULES) {
      throw fail.limitExceeded(
        `Organization ${org.id} already has ${MAX_MOBILE_RULES} mobile device access rules, the maximum.`,
      );
    }
    const id = newMobileRuleId();
    const now = sim.now.getTime();
    sim.db
      .prepare(
        "INSERT INTO mobile_access_rules (org_id, id, name, description, effect, conditions, client_token, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        org.id,
        id,
        input.Name,
        input.Description ?? null,
        input.Effect,
        JSON.stringify(conditionsOf(input)),
        input.ClientToken ?? null,
        now,
        now,
      );
    return { MobileDeviceAccessRuleId: id };
  },

  UpdateMobileDeviceAccessRule(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = sim.db
      .prepare<[string, string], MobileRuleRow>(
        "SELECT rowid AS rid, * FROM mobile_access_rules WHERE org_id = ? AND id = ?",
      )
      .get(org.id, input.MobileDeviceAccessRuleId);
    if (row === undefined) {
      throw fail.entityNotFound(
        `The mobile device access rule ${input.MobileDeviceAccessRuleId} does not exist in organization ${org.id}.`,
      );
    }
    // Every member is replaced: conditions left out are removed.
    sim.db
      .prepare(
        "UPDATE mobile_access_rules SET name = ?, description = ?, effect = ?, conditions = ?, modified_at = ? WHERE org_id = ? AND id = ?",
      )
      .run(
        input.Name,
        input.Description ?? null,
        input.Effect,
        JSON.stringify(conditionsOf(input)),
        sim.now.getTime(),
        org.id,
        row.id,
      );
    return {};
  },

  DeleteMobileDeviceAccessRule(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    sim.db
      .prepare("DELETE FROM mobile_access_rules WHERE org_id = ? AND id = ?")
      .run(org.id, input.MobileDeviceAccessRuleId);
    return {};
  },

  ListMobileDeviceAccessRules(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    return { Rules: mobileRuleRows(sim, org.id).map(mobileRuleOutput) };
  },

  GetMobileDeviceAccessEffect(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const decision = evaluateMobileAccess(mobileRuleRows(sim, org.id).map(mobileRuleConditions), {
      type: input.DeviceType,
      model: input.DeviceModel,
      operatingSystem: input.DeviceOperatingSystem,
      userAgent: input.DeviceUserAgent,
    });
    return { Effect: decision.effect, MatchedRules: decision.matchedRules };
  },

  PutMobileDeviceAccessOverride(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const userId = overrideUser(sim, org.id, input.UserId);
    const now = sim.now.getTime();
    const existing = findOverride(sim, org.id, userId, input.DeviceId);
    if (existing !== undefined) {
      sim.db
        .prepare(
          "UPDATE mobile_access_overrides SET effect = ?, description = ?, modified_at = ? WHERE org_id = ? AND user_id = ? AND device_key = ?",
        )
        .run(input.Effect, input.Description ?? null, now, org.id, userId, existing.device_key);
      return {};
    }
    sim.db
      .prepare(
        "INSERT INTO mobile_access_overrides (org_id, user_id, device_key, device_id, effect, description, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        org.id,
        userId,
        input.DeviceId.toLowerCase(),
        input.DeviceId,
        input.Effect,
        input.Description ?? null,
        now,
        now,
      );
    return {};
  },

  GetMobileDeviceAccessOverride(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const userId = requireEntity(sim, org.id, input.UserId, ["USER"]).id;
    const row = findOverride(sim, org.id, userId, input.DeviceId);
    if (row === undefined) {
      throw fail.resourceNotFound(
        `There is no mobile device access override for user ${input.UserId} and device ${input.DeviceId}.`,
      );
    }
    return overrideOutput(row);
  },

  DeleteMobileDeviceAccessOverride(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const userId = requireEntity(sim, org.id, input.UserId, ["USER"]).id;
    sim.db
      .prepare("DELETE FROM mobile_access_overrides WHERE org_id = ? AND user_id = ? AND device_key = ?")
      .run(org.id, userId, input.DeviceId.toLowerCase());
    return {};
  },

  ListMobileDeviceAccessOverrides(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const userId = input.UserId === undefined ? undefined : requireEntity(sim, org.id, input.UserId, ["USER"]).id;
    const deviceKey = input.DeviceId?.toLowerCase();
    const pager = startPage("ListMobileDeviceAccessOverrides", input, { org: org.id, userId, deviceKey });
    const where = ["org_id = ?", "rowid > ?"];
    const params: unknown[] = [org.id, Number(pager.after ?? 0)];
    if (userId !== undefined) {
      where.push("user_id = ?");
      params.push(userId);
    }
    if (deviceKey !== undefined) {
      where.push("device_key = ?");
      params.push(deviceKey);
    }
    params.push(pager.limit + 1);
    const rows = sim.db
      .prepare<unknown[], MobileOverrideRow>(
        `SELECT rowid AS rid, * FROM mobile_access_overrides WHERE ${where.join(" AND ")} ORDER BY rowid LIMIT ?`,
      )
      .all(...params);
    const page = pager.finish(rows, (r) => r.rid);
    return {
      Overrides: page.items.map(overrideOutput),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  },
};

import { randomBytes } from "node:crypto";
import type { MobileDeviceAccessRule } from "@aws-sdk/client-workmail";
import type { SchemaModule } from "../store/database.js";
import type { Sim } from "../sim.js";
import type { Effect } from "../rules/access-control.js";
import type { MobileRuleConditions } from "../rules/mobile-access.js";

/** Mobile device access rules (creation order = rowid) and per-user-and-device overrides. */
export const mobileAccessSchema: SchemaModule = {
  name: "mobile-access",
  migrations: [
    `
CREATE TABLE mobile_access_rules (
  org_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  effect TEXT NOT NULL CHECK (effect IN ('ALLOW', 'DENY')),
  conditions TEXT NOT NULL DEFAULT '{}',
  client_token TEXT,
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL,
  UNIQUE (org_id, id)
);
CREATE UNIQUE INDEX mobile_access_rules_client_token ON mobile_access_rules (org_id, client_token) WHERE client_token IS NOT NULL;
-- Organizations created before this module existed get the default allow-all rule too.
INSERT INTO mobile_access_rules (org_id, id, name, description, effect, conditions, created_at, modified_at)
  SELECT id, lower(hex(randomblob(16))), 'default', 'Default WorkMail Rule', 'ALLOW', '{}', created_at, created_at FROM organizations;

CREATE TABLE mobile_access_overrides (
  org_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  device_key TEXT NOT NULL,
  device_id TEXT NOT NULL,
  effect TEXT NOT NULL CHECK (effect IN ('ALLOW', 'DENY')),
  description TEXT,
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL,
  UNIQUE (org_id, user_id, device_key)
);
`,
  ],
};

/** The service's default rule grants access to any device (guide: "Managing mobile device access rules"). */
const DEFAULT_MOBILE_RULE = { name: "default", description: "Default WorkMail Rule" } as const;

/** At most this many rules per organization (ListMobileDeviceAccessRules returns at most 10). */
export const MAX_MOBILE_RULES = 10;

export const MOBILE_CONDITION_KEYS = [
  "DeviceTypes",
  "NotDeviceTypes",
  "DeviceModels",
  "NotDeviceModels",
  "DeviceOperatingSystems",
  "NotDeviceOperatingSystems",
  "DeviceUserAgents",
  "NotDeviceUserAgents",
] as const;
type MobileConditionKey = (typeof MOBILE_CONDITION_KEYS)[number];
export type MobileConditions = Partial<Record<MobileConditionKey, string[]>>;

export interface MobileRuleRow {
  rid: number;
  org_id: string;
  id: string;
  name: string;
  description: string | null;
  effect: Effect;
  conditions: string;
  client_token: string | null;
  created_at: number;
  modified_at: number;
}

export interface MobileOverrideRow {
  rid: number;
  org_id: string;
  user_id: string;
  device_key: string;
  device_id: string;
  effect: Effect;
  description: string | null;
  created_at: number;
  modified_at: number;
}

export function newMobileRuleId(): string {
  return randomBytes(16).toString("hex");
}

export function insertDefaultMobileRule(sim: Sim, orgId: string): void {
  const now = sim.now.getTime();
  sim.db
    .prepare(
      "INSERT INTO mobile_access_rules (org_id, id, name, description, effect, conditions, created_at, modified_at) VALUES (?, ?, ?, ?, 'ALLOW', '{}', ?, ?)",
    )
    .run(orgId, newMobileRuleId(), DEFAULT_MOBILE_RULE.name, DEFAULT_MOBILE_RULE.description, now, now);
}

export function mobileRuleRows(sim: Sim, orgId: string): MobileRuleRow[] {
  return sim.db
    .prepare<[string], MobileRuleRow>("SELECT rowid AS rid, * FROM mobile_access_rules WHERE org_id = ? ORDER BY rowid")
    .all(orgId);
}

export function mobileRuleConditions(row: MobileRuleRow): MobileRuleConditions {
  return {
    MobileDeviceAccessRuleId: row.id,
    Name: row.name,
    Effect: row.effect,
    ...(JSON.parse(row.conditions) as MobileConditions),
  };
}

export function mobileRuleOutput(row: MobileRuleRow): MobileDeviceAccessRule {
  const c = JSON.parse(row.conditions) as MobileConditions;
  return {
    MobileDeviceAccessRuleId: row.id,
    Name: row.name,
    ...(row.description === null ? {} : { Description: row.description }),
    Effect: row.effect,
    ...c,
    DateCreated: new Date(row.created_at),
    DateModified: new Date(row.modified_at),
  };
}

export function findOverride(sim: Sim, orgId: string, userId: string, deviceId: string): MobileOverrideRow | undefined {
  return sim.db
    .prepare<[string, string, string], MobileOverrideRow>(
      "SELECT rowid AS rid, * FROM mobile_access_overrides WHERE org_id = ? AND user_id = ? AND device_key = ?",
    )
    .get(orgId, userId, deviceId.toLowerCase());
}

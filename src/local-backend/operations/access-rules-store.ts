import type { AccessControlRule } from "@aws-sdk/client-workmail";
import type { SchemaModule } from "../store/database.js";
import type { Sim } from "../sim.js";
import type { AccessRuleConditions, Effect } from "../rules/access-control.js";

/** Access control rules, per organization, in creation order (rowid). Times: epoch ms. */
export const accessRuleSchema: SchemaModule = {
  name: "access-rules",
  migrations: [
    `
CREATE TABLE access_control_rules (
  org_id TEXT NOT NULL,
  name TEXT NOT NULL,
  effect TEXT NOT NULL CHECK (effect IN ('ALLOW', 'DENY')),
  description TEXT NOT NULL,
  conditions TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL,
  UNIQUE (org_id, name)
);
-- Organizations created before this module existed get the default rule too.
INSERT INTO access_control_rules (org_id, name, effect, description, conditions, created_at, modified_at)
  SELECT id, 'default', 'ALLOW', 'Default WorkMail Rule', '{}', created_at, created_at FROM organizations;
`,
  ],
};

/** The service's own default rule: allow everything (guide: "Working with access control rules"). */
const DEFAULT_ACCESS_RULE = { name: "default", description: "Default WorkMail Rule" } as const;

/** At most this many rules per organization (ListAccessControlRules returns at most 10). */
export const MAX_ACCESS_RULES = 10;

const CONDITION_KEYS = [
  "Actions",
  "NotActions",
  "IpRanges",
  "NotIpRanges",
  "UserIds",
  "NotUserIds",
  "ImpersonationRoleIds",
  "NotImpersonationRoleIds",
] as const;
type ConditionKey = (typeof CONDITION_KEYS)[number];
export type Conditions = Partial<Record<ConditionKey, string[]>>;

export interface AccessRuleRow {
  org_id: string;
  name: string;
  effect: Effect;
  description: string;
  conditions: string;
  created_at: number;
  modified_at: number;
}

export function insertDefaultAccessRule(sim: Sim, orgId: string): void {
  const now = sim.now.getTime();
  sim.db
    .prepare(
      "INSERT OR IGNORE INTO access_control_rules (org_id, name, effect, description, conditions, created_at, modified_at) VALUES (?, ?, 'ALLOW', ?, '{}', ?, ?)",
    )
    .run(orgId, DEFAULT_ACCESS_RULE.name, DEFAULT_ACCESS_RULE.description, now, now);
}

export function accessRuleRows(sim: Sim, orgId: string): AccessRuleRow[] {
  return sim.db
    .prepare<[string], AccessRuleRow>("SELECT * FROM access_control_rules WHERE org_id = ? ORDER BY rowid")
    .all(orgId);
}

export function ruleConditions(row: AccessRuleRow): AccessRuleConditions & Conditions {
  return { Name: row.name, Effect: row.effect, ...(JSON.parse(row.conditions) as Conditions) };
}

/** The API's AccessControlRule; empty condition lists are left out. */
export function accessRuleOutput(row: AccessRuleRow): AccessControlRule {
  const c = JSON.parse(row.conditions) as Conditions;
  const lists: Conditions = {};
  for (const k of CONDITION_KEYS) if (c[k] !== undefined && c[k].length > 0) lists[k] = c[k];
  return {
    Name: row.name,
    Effect: row.effect,
    Description: row.description,
    ...lists,
    DateCreated: new Date(row.created_at),
    DateModified: new Date(row.modified_at),
  };
}

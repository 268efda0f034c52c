import { createHash } from "node:crypto";
import type { ImpersonationRule } from "@aws-sdk/client-workmail";
import type { SchemaModule } from "../store/database.js";
import type { Sim } from "../sim.js";

/**
 * Impersonation roles (rules as JSON, target users stored as entity ids) and the tokens
 * AssumeImpersonationRole hands out (only their SHA-256 is kept).
 */
export const impersonationSchema: SchemaModule = {
  name: "impersonation",
  migrations: [
    `
CREATE TABLE impersonation_roles (
  org_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('FULL_ACCESS', 'READ_ONLY')),
  description TEXT,
  rules TEXT NOT NULL DEFAULT '[]',
  client_token TEXT,
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL,
  UNIQUE (org_id, id)
);
CREATE UNIQUE INDEX impersonation_roles_name ON impersonation_roles (org_id, lower(name));
CREATE UNIQUE INDEX impersonation_roles_client_token ON impersonation_roles (org_id, client_token) WHERE client_token IS NOT NULL;

CREATE TABLE impersonation_tokens (
  token_hash TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  role_id TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
  ],
};

/** At most this many roles per organization (ListImpersonationRoles returns at most 20). */
export const MAX_IMPERSONATION_ROLES = 20;

/** "This Token must be passed within 15 minutes" (guide: "Using impersonation roles"). */
export const IMPERSONATION_TOKEN_SECONDS = 15 * 60;

export interface ImpersonationRoleRow {
  rid: number;
  org_id: string;
  id: string;
  name: string;
  type: "FULL_ACCESS" | "READ_ONLY";
  description: string | null;
  rules: string;
  client_token: string | null;
  created_at: number;
  modified_at: number;
}

export function findImpersonationRole(sim: Sim, orgId: string, roleId: string): ImpersonationRoleRow | undefined {
  return sim.db
    .prepare<[string, string], ImpersonationRoleRow>(
      "SELECT rowid AS rid, * FROM impersonation_roles WHERE org_id = ? AND id = ?",
    )
    .get(orgId, roleId);
}

export function roleRules(row: ImpersonationRoleRow): ImpersonationRule[] {
  return JSON.parse(row.rules) as ImpersonationRule[];
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * The organization and role an impersonation token was issued for, while it is valid (15 minutes of
 * simulator time); undefined for an unknown or expired token, or when the role was deleted since.
 * For the simulated EWS endpoint (`Authorization: Bearer <token>`).
 */
export function verifyImpersonationToken(
  sim: Sim,
  token: string,
): { orgId: string; roleId: string; expiresAt: Date } | undefined {
  const row = sim.db
    .prepare<[string], { org_id: string; role_id: string; expires_at: number }>(
      "SELECT org_id, role_id, expires_at FROM impersonation_tokens WHERE token_hash = ?",
    )
    .get(tokenHash(token));
  if (row === undefined || row.expires_at <= sim.now.getTime()) return undefined;
  if (findImpersonationRole(sim, row.org_id, row.role_id) === undefined) return undefined;
  return { orgId: row.org_id, roleId: row.role_id, expiresAt: new Date(row.expires_at) };
}

import { randomBytes } from "node:crypto";
import type { FolderConfiguration } from "@aws-sdk/client-workmail";
import { fail } from "../errors.js";
import type { FolderRetention } from "../rules/retention.js";
import type { Sim } from "../sim.js";
import type { Handlers } from "./handler.js";
import { requireOrganization } from "./organizations.js";

export interface RetentionPolicyRow {
  org_id: string;
  id: string;
  name: string;
  description: string | null;
  folders: string;
  created_at: number;
  modified_at: number;
}

export function readRetentionPolicy(sim: Sim, orgId: string): RetentionPolicyRow | undefined {
  return sim.db.prepare<[string], RetentionPolicyRow>("SELECT * FROM retention_policies WHERE org_id = ?").get(orgId);
}

export function policyFolders(row: RetentionPolicyRow): FolderRetention[] {
  return JSON.parse(row.folders) as FolderRetention[];
}

function checkFolders(folders: readonly FolderConfiguration[]): FolderRetention[] {
  const seen = new Set<string>();
  return folders.map((f) => {
    const name = f.Name as FolderRetention["Name"];
    const action = f.Action as FolderRetention["Action"];
    if (seen.has(name)) throw fail.invalidParameter(`The folder ${name} is configured twice.`);
    seen.add(name);
    if (action !== "NONE" && f.Period === undefined) {
      throw fail.invalidParameter(`The folder ${name} needs a Period (1-730 days) for the action ${action}.`);
    }
    return { Name: name, Action: action, ...(f.Period === undefined ? {} : { Period: f.Period }) };
  });
}

export const retentionHandlers: Handlers = {
  PutRetentionPolicy(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const folders = checkFolders(input.FolderConfigurations);
    const existing = readRetentionPolicy(sim, org.id);
    const now = sim.now.getTime();
    if (existing !== undefined && input.Id !== undefined && input.Id !== existing.id) {
      throw fail.limitExceeded(
        `Organization ${org.id} already has a retention policy (${existing.id}); an organization has one retention policy.`,
      );
    }
    const id = existing?.id ?? input.Id ?? randomBytes(16).toString("hex");
    sim.db
      .prepare(
        `INSERT INTO retention_policies (org_id, id, name, description, folders, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(org_id) DO UPDATE SET name = excluded.name, description = excluded.description, folders = excluded.folders, modified_at = excluded.modified_at`,
      )
      .run(org.id, id, input.Name, input.Description ?? null, JSON.stringify(folders), now, now);
    return {};
  },

  GetDefaultRetentionPolicy(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    const row = readRetentionPolicy(sim, org.id);
    if (row === undefined) throw fail.entityNotFound(`Organization ${org.id} has no retention policy.`);
    return {
      Id: row.id,
      Name: row.name,
      ...(row.description === null ? {} : { Description: row.description }),
      FolderConfigurations: policyFolders(row),
    };
  },

  DeleteRetentionPolicy(sim, input) {
    const org = requireOrganization(sim, input.OrganizationId);
    sim.db.prepare("DELETE FROM retention_policies WHERE org_id = ? AND id = ?").run(org.id, input.Id);
    return {};
  },
};

import { join } from "node:path";
import type { Sim, StorePaths } from "../sim.js";
import type { EntityRow } from "../operations/entities.js";
import { DEFAULT_FOLDERS, kindOfPath, type FolderKind } from "./folders.js";

/** The service's default and largest mailbox quota: 50 GB (guide: per-user quotas). */
export const DEFAULT_QUOTA_MB = 51_200;
export const MAX_QUOTA_MB = 51_200;
export const BYTES_PER_MB = 1024 * 1024;

export interface MailboxRow {
  org_id: string;
  entity_id: string;
  generation: number;
  quota_mb: number;
  size_bytes: number;
  item_count: number;
  created_at: number;
  purged_at: number | null;
}

export interface FolderRow {
  id: number;
  org_id: string;
  entity_id: string;
  path: string;
  kind: FolderKind;
  created_at: number;
}

/**
 * Whether an entity has (or had) a mailbox: users in the USER role and resources get one when they
 * are enabled; groups and remote users never do.
 */
export function canHaveMailbox(row: EntityRow): boolean {
  if (row.type === "RESOURCE") return true;
  return row.type === "USER" && (row.role === null || row.role === "USER");
}

export function wasProvisioned(row: EntityRow): boolean {
  return canHaveMailbox(row) && row.mailbox_provisioned_at !== null;
}

/** Mail can be delivered to, and permissions set on, a mailbox whose owner is enabled. */
export function isLiveMailbox(row: EntityRow): boolean {
  return canHaveMailbox(row) && row.state === "ENABLED";
}

export function getMailbox(sim: Sim, orgId: string, entityId: string): MailboxRow | undefined {
  return sim.db
    .prepare<[string, string], MailboxRow>("SELECT * FROM mailboxes WHERE org_id = ? AND entity_id = ?")
    .get(orgId, entityId);
}

/** The mailbox row of an entity, created (with WorkMail's default folders) on first use. */
export function ensureMailbox(sim: Sim, orgId: string, entityId: string): MailboxRow {
  const now = sim.now.getTime();
  sim.db
    .prepare(
      "INSERT INTO mailboxes (org_id, entity_id, created_at) VALUES (?, ?, ?) ON CONFLICT(org_id, entity_id) DO NOTHING",
    )
    .run(orgId, entityId, now);
  const folders =
    sim.db
      .prepare<[string, string], { n: number }>(
        "SELECT count(*) AS n FROM mail_folders WHERE org_id = ? AND entity_id = ?",
      )
      .get(orgId, entityId)?.n ?? 0;
  if (folders === 0) {
    const insert = sim.db.prepare(
      "INSERT INTO mail_folders (org_id, entity_id, path, kind, created_at) VALUES (?, ?, ?, ?, ?)",
    );
    for (const f of DEFAULT_FOLDERS) insert.run(orgId, entityId, f.path, f.kind, now);
  }
  return getMailbox(sim, orgId, entityId) as MailboxRow;
}

/** A folder of a mailbox by (canonical) path, created with its parents when missing. */
export function ensureFolder(sim: Sim, orgId: string, entityId: string, path: string): FolderRow {
  const find = sim.db.prepare<[string, string, string], FolderRow>(
    "SELECT * FROM mail_folders WHERE org_id = ? AND entity_id = ? AND lower(path) = lower(?)",
  );
  const hit = find.get(orgId, entityId, path);
  if (hit !== undefined) return hit;
  const segments = path.split("/");
  const insert = sim.db.prepare(
    "INSERT INTO mail_folders (org_id, entity_id, path, kind, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
  );
  for (let i = 1; i <= segments.length; i++) {
    const p = segments.slice(0, i).join("/");
    insert.run(orgId, entityId, p, kindOfPath(p), sim.now.getTime());
  }
  return find.get(orgId, entityId, path) as FolderRow;
}

/** Where a mailbox generation's files live: `mail/<org>/<entity>/g<generation>/`. */
export function mailboxDir(paths: StorePaths, orgId: string, entityId: string, generation: number): string {
  return join(paths.mail, orgId, entityId, `g${generation}`);
}

/** Item files are recorded relative to `paths.mail`. */
export function itemFile(paths: StorePaths, file: string): string {
  return join(paths.mail, file);
}

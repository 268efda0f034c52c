import { rmSync } from "node:fs";
import type { Sim } from "../sim.js";
import { mailboxDir } from "./mailbox-store.js";

/** Guide, "Disabling users": users disabled for longer than 30 days have their mailbox deleted. */
const DISABLED_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

interface Expired {
  org_id: string;
  entity_id: string;
  generation: number;
}

/**
 * Applies the 30-day rule at the simulator's current time: the content of every mailbox whose owner
 * has been disabled (or deleted) for more than 30 days, or whose organization is deleted, is
 * deleted. Runs lazily, at the start of every mailbox operation, when the clock is advanced, and
 * before a user is enabled again, so its effect is the same as a service that purges on time.
 *
 * The index rows go in the caller's transaction; the files go at once. Should that transaction roll
 * back, the rows come back without their files and the next sweep (the owner still qualifies)
 * removes them again.
 */
export function sweepExpiredMailboxes(sim: Sim, orgId?: string): number {
  const now = sim.now.getTime();
  const cutoff = now - DISABLED_RETENTION_MS;
  const rows = sim.db
    .prepare<[number, number, string | null, string | null], Expired>(
      `SELECT m.org_id, m.entity_id, m.generation
         FROM mailboxes m
         JOIN entities e ON e.org_id = m.org_id AND e.id = m.entity_id
         JOIN organizations o ON o.id = m.org_id
        WHERE (m.item_count > 0 OR EXISTS (SELECT 1 FROM mail_folders f WHERE f.org_id = m.org_id AND f.entity_id = m.entity_id))
          AND (
                (e.state <> 'ENABLED' AND e.disabled_at IS NOT NULL AND e.disabled_at < ? AND (m.purged_at IS NULL OR m.purged_at < e.disabled_at))
             OR (o.deleted_at IS NOT NULL AND o.deleted_at <= ?)
          )
          AND (? IS NULL OR m.org_id = ?)`,
    )
    .all(cutoff, now, orgId ?? null, orgId ?? null);
  for (const r of rows) purgeMailbox(sim, r);
  return rows.length;
}

function purgeMailbox(sim: Sim, m: Expired): void {
  const db = sim.db;
  db.prepare("DELETE FROM mail_items WHERE org_id = ? AND entity_id = ?").run(m.org_id, m.entity_id);
  db.prepare("DELETE FROM mail_folders WHERE org_id = ? AND entity_id = ?").run(m.org_id, m.entity_id);
  db.prepare(
    "UPDATE mailboxes SET generation = generation + 1, size_bytes = 0, item_count = 0, purged_at = ? WHERE org_id = ? AND entity_id = ?",
  ).run(sim.now.getTime(), m.org_id, m.entity_id);
  rmSync(mailboxDir(sim.paths, m.org_id, m.entity_id, m.generation), { recursive: true, force: true });
}

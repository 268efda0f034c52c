import { rmSync } from "node:fs";
import type { RetentionItem } from "../rules/retention.js";
import { applyRetention, type RetentionMailboxContent, type RetentionReport } from "../operations/retention-apply.js";
import type { Sim } from "../sim.js";
import { ensureFolder, itemFile } from "./mailbox-store.js";
import { sweepExpiredMailboxes } from "./retention.js";

/** The well-known folders a retention policy names, by their WorkMail paths. */
const FOLDER_NAMES: Readonly<Record<string, string>> = {
  inbox: "INBOX",
  "deleted items": "DELETED_ITEMS",
  "sent items": "SENT_ITEMS",
  drafts: "DRAFTS",
  "junk e-mail": "JUNK_EMAIL",
};

const WELL_KNOWN = Object.keys(FOLDER_NAMES);

interface ItemRow {
  seq: number;
  entity_id: string;
  path: string;
  file: string;
  size: number;
  delivered_at: number;
  last_action_at: number | null;
}

/**
 * Mailbox content as the retention policy sees it: messages in the five well-known folders, aged
 * from their last action. Recoverable items are not modelled, so a "Delete" inside Deleted Items
 * removes the message for good (the seam allows it). Files of removed messages are collected and
 * unlinked by the caller once the transaction has committed.
 */
function retentionContent(sim: Sim, removedFiles: string[]): RetentionMailboxContent {
  const db = sim.db;
  const remove = (orgId: string, mailboxId: string, messageId: string) => {
    const row = db
      .prepare<[string, string, number], ItemRow>(
        "SELECT * FROM mail_items WHERE org_id = ? AND entity_id = ? AND seq = ?",
      )
      .get(orgId, mailboxId, Number(messageId));
    if (row === undefined) return;
    db.prepare("DELETE FROM mail_items WHERE seq = ?").run(row.seq);
    db.prepare(
      "UPDATE mailboxes SET size_bytes = max(0, size_bytes - ?), item_count = max(0, item_count - 1) WHERE org_id = ? AND entity_id = ?",
    ).run(row.size, orgId, mailboxId);
    removedFiles.push(itemFile(sim.paths, row.file));
  };
  return {
    *items(orgId): Iterable<RetentionItem> {
      const rows = db
        .prepare<string[], ItemRow>(
          `SELECT i.seq, i.entity_id, f.path, i.file, i.size, i.delivered_at, i.last_action_at
             FROM mail_items i JOIN mail_folders f ON f.id = i.folder_id
            WHERE i.org_id = ? AND i.kind = 'message' AND lower(f.path) IN (${WELL_KNOWN.map(() => "?").join(", ")})`,
        )
        .all(orgId, ...WELL_KNOWN);
      for (const r of rows) {
        yield {
          mailboxId: r.entity_id,
          messageId: String(r.seq),
          folder: FOLDER_NAMES[r.path.toLowerCase()] ?? r.path,
          lastActionAt: new Date(r.last_action_at ?? r.delivered_at),
        };
      }
    },
    moveToDeletedItems(orgId, mailboxId, messageId, at) {
      const folder = ensureFolder(sim, orgId, mailboxId, "Deleted Items");
      db.prepare(
        "UPDATE mail_items SET folder_id = ?, last_action_at = ? WHERE org_id = ? AND entity_id = ? AND seq = ?",
      ).run(folder.id, at.getTime(), orgId, mailboxId, Number(messageId));
    },
    deleteRecoverably: (orgId, mailboxId, messageId) => remove(orgId, mailboxId, messageId),
    deletePermanently: (orgId, mailboxId, messageId) => remove(orgId, mailboxId, messageId),
  };
}

/**
 * Everything the simulator clock decides about mailbox content, at `sim.now`: the 30-day rule for
 * disabled users, then each organization's retention policy. Runs when the clock is advanced and
 * before an export job reads a mailbox; idempotent at a given time. Returns the files to unlink
 * after the caller's transaction commits (see `unlinkAll`).
 */
export function applyTimeRules(sim: Sim, orgId?: string): { reports: RetentionReport[]; removedFiles: string[] } {
  sweepExpiredMailboxes(sim, orgId);
  const removedFiles: string[] = [];
  const content = retentionContent(sim, removedFiles);
  const orgs =
    orgId !== undefined
      ? [orgId]
      : sim.db
          .prepare<[], { id: string }>("SELECT id FROM organizations WHERE deleted_at IS NULL")
          .all()
          .map((o) => o.id);
  const reports = orgs.map((id) => applyRetention(sim, id, content));
  return { reports, removedFiles };
}

export function unlinkAll(files: readonly string[]): void {
  for (const f of files) rmSync(f, { force: true });
}

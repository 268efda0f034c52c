import { retentionDecisions, type RetentionDecision, type RetentionItem } from "../rules/retention.js";
import type { Sim } from "../sim.js";
import { policyFolders, readRetentionPolicy } from "./retention.js";

/**
 * What retention needs from the simulator's mailbox content (issue #5 owns the content; this is
 * the seam). All methods run inside the caller's transaction and must be synchronous.
 */
export interface RetentionMailboxContent {
  /**
   * Every message of the organization's mailboxes that sits in one of the five well-known folders
   * (INBOX, DELETED_ITEMS, SENT_ITEMS, DRAFTS, JUNK_EMAIL), with the time it was last created,
   * modified or moved. Messages in other folders may be left out (retention ignores them).
   */
  items(orgId: string): Iterable<RetentionItem>;
  /** "Delete" outside Deleted Items: move the message there; its lastActionAt becomes `at` (a move restarts its age). */
  moveToDeletedItems(orgId: string, mailboxId: string, messageId: string, at: Date): void;
  /** "Delete" in Deleted Items: take it out of the folder but keep it recoverable (or purge it, if recoverable items are not modelled). */
  deleteRecoverably(orgId: string, mailboxId: string, messageId: string, at: Date): void;
  /** "Permanently delete": remove it for good. */
  deletePermanently(orgId: string, mailboxId: string, messageId: string): void;
}

export interface RetentionReport {
  readonly orgId: string;
  /** The policy applied, if the organization has one. */
  readonly policyId: string | undefined;
  readonly movedToDeletedItems: number;
  readonly deletedRecoverably: number;
  readonly deletedPermanently: number;
  readonly decisions: readonly RetentionDecision[];
}

/**
 * Applies an organization's retention policy to its mailbox content at simulator time `sim.now`.
 * Call it in a transaction (e.g. from `LocalBackend.tx`) whenever the clock moves or before an export
 * reads a mailbox; it is idempotent at a given time. Decisions are taken on a snapshot of the items
 * first, so a message moved to Deleted Items in this pass is not also deleted from there in the same
 * pass (its age restarts at the move).
 */
export function applyRetention(sim: Sim, orgId: string, content: RetentionMailboxContent): RetentionReport {
  const policy = readRetentionPolicy(sim, orgId);
  if (policy === undefined) {
    return {
      orgId,
      policyId: undefined,
      movedToDeletedItems: 0,
      deletedRecoverably: 0,
      deletedPermanently: 0,
      decisions: [],
    };
  }
  const decisions = retentionDecisions(policyFolders(policy), [...content.items(orgId)], sim.now);
  let moved = 0;
  let recoverable = 0;
  let permanent = 0;
  for (const d of decisions) {
    const { mailboxId, messageId } = d.item;
    switch (d.outcome) {
      case "MOVE_TO_DELETED_ITEMS":
        content.moveToDeletedItems(orgId, mailboxId, messageId, sim.now);
        moved++;
        break;
      case "DELETE_RECOVERABLY":
        content.deleteRecoverably(orgId, mailboxId, messageId, sim.now);
        recoverable++;
        break;
      case "DELETE_PERMANENTLY":
        content.deletePermanently(orgId, mailboxId, messageId);
        permanent++;
        break;
    }
  }
  return {
    orgId,
    policyId: policy.id,
    movedToDeletedItems: moved,
    deletedRecoverably: recoverable,
    deletedPermanently: permanent,
    decisions,
  };
}

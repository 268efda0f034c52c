/** The folders a retention policy can name (the API's FolderName). */
const RETENTION_FOLDERS = ["INBOX", "DELETED_ITEMS", "SENT_ITEMS", "DRAFTS", "JUNK_EMAIL"] as const;
type RetentionFolder = (typeof RETENTION_FOLDERS)[number];

const RETENTION_ACTIONS = ["NONE", "DELETE", "PERMANENTLY_DELETE"] as const;
type RetentionActionName = (typeof RETENTION_ACTIONS)[number];

/** One folder's line of a retention policy (the API's FolderConfiguration). */
export interface FolderRetention {
  readonly Name: RetentionFolder;
  readonly Action: RetentionActionName;
  /** Days, 1-730; absent only with NONE. */
  readonly Period?: number | undefined;
}

/** A message as retention sees it. */
export interface RetentionItem {
  readonly mailboxId: string;
  readonly messageId: string;
  /** The well-known folder it is in (a FolderName), or any other string for other folders. */
  readonly folder: string;
  /** When it was created, modified or moved, whichever is latest (the guide's age reference). */
  readonly lastActionAt: Date;
}

/**
 * What happens to a message whose folder's period has run out:
 * - MOVE_TO_DELETED_ITEMS: "Delete" outside Deleted Items; the user can still recover it there.
 * - DELETE_RECOVERABLY: "Delete" in Deleted Items; it leaves the folder but stays recoverable
 *   ("users can recover deleted email messages from the Amazon WorkMail web application").
 * - DELETE_PERMANENTLY: "Permanently delete"; it cannot be recovered.
 */
type RetentionOutcome = "MOVE_TO_DELETED_ITEMS" | "DELETE_RECOVERABLY" | "DELETE_PERMANENTLY";

export interface RetentionDecision {
  readonly item: RetentionItem;
  readonly outcome: RetentionOutcome;
  readonly periodDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Decides what a retention policy does to messages at time `now` (guide: "Setting mailbox retention
 * policies"). A message is due when `now - lastActionAt` is at least its folder's period in days;
 * the age counts from when the item was created, modified or moved, not from when the policy was
 * set. Folders the policy does not name, NONE actions and messages in other folders are untouched.
 */
export function retentionDecisions(
  folders: readonly FolderRetention[],
  items: Iterable<RetentionItem>,
  now: Date,
): RetentionDecision[] {
  const byFolder = new Map<string, FolderRetention>();
  for (const f of folders) if (f.Action !== "NONE" && f.Period !== undefined) byFolder.set(f.Name, f);
  const out: RetentionDecision[] = [];
  for (const item of items) {
    const rule = byFolder.get(item.folder);
    if (rule === undefined || rule.Period === undefined) continue;
    if (now.getTime() - item.lastActionAt.getTime() < rule.Period * DAY_MS) continue;
    const outcome: RetentionOutcome =
      rule.Action === "PERMANENTLY_DELETE"
        ? "DELETE_PERMANENTLY"
        : item.folder === "DELETED_ITEMS"
          ? "DELETE_RECOVERABLY"
          : "MOVE_TO_DELETED_ITEMS";
    out.push({ item, outcome, periodDays: rule.Period });
  }
  return out;
}

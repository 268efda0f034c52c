import { describe, expect, it } from "vitest";
import {
  retentionDecisions,
  type FolderRetention,
  type RetentionItem,
} from "../../../src/local-backend/rules/retention.js";

const NOW = new Date("2025-06-30T12:00:00Z");
const daysAgo = (d: number, extraMs = 0) => new Date(NOW.getTime() - d * 86_400_000 - extraMs);
const item = (messageId: string, folder: string, ageDays: number, extraMs = 0): RetentionItem => ({
  mailboxId: "u-1",
  messageId,
  folder,
  lastActionAt: daysAgo(ageDays, extraMs),
});

// The console's "Folder actions": Delete or Permanently delete, per folder, after a number of days.
const POLICY: FolderRetention[] = [
  { Name: "INBOX", Action: "DELETE", Period: 30 },
  { Name: "DELETED_ITEMS", Action: "DELETE", Period: 7 },
  { Name: "JUNK_EMAIL", Action: "PERMANENTLY_DELETE", Period: 1 },
  { Name: "SENT_ITEMS", Action: "NONE" },
];

describe("retention decisions", () => {
  it.each([
    [
      "an inbox message older than 30 days moves to Deleted Items (recoverable)",
      item("a", "INBOX", 31),
      "MOVE_TO_DELETED_ITEMS",
    ],
    ["exactly 30 days old is due", item("b", "INBOX", 30), "MOVE_TO_DELETED_ITEMS"],
    ["a minute short of 30 days is kept", item("c", "INBOX", 30, -60_000), undefined],
    [
      "Delete in Deleted Items takes it out of the folder but keeps it recoverable",
      item("d", "DELETED_ITEMS", 8),
      "DELETE_RECOVERABLY",
    ],
    ["Permanently delete removes it for good", item("e", "JUNK_EMAIL", 2), "DELETE_PERMANENTLY"],
    ["NONE keeps everything", item("f", "SENT_ITEMS", 700), undefined],
    ["folders the policy does not name are untouched", item("g", "DRAFTS", 700), undefined],
    ["custom folders are untouched", item("h", "Projects", 700), undefined],
  ])("%s", (_title, it_, outcome) => {
    const d = retentionDecisions(POLICY, [it_], NOW);
    expect(d[0]?.outcome).toBe(outcome);
    expect(d.length).toBe(outcome === undefined ? 0 : 1);
  });

  it("counts age from the last create, modify or move, not from when the policy was set", () => {
    // Moved to Deleted Items yesterday after 3 years in the inbox: 1 day old for Deleted Items.
    expect(retentionDecisions(POLICY, [item("moved", "DELETED_ITEMS", 1)], NOW)).toEqual([]);
  });
});

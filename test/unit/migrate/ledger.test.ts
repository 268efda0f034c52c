import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MigrationLedger } from "../../../src/migrate/ledger.js";

const dirs: string[] = [];
const file = () => {
  const d = mkdtempSync(join(tmpdir(), "wmctl-mig-ledger-"));
  dirs.push(d);
  return join(d, "migrate", "ledger.jsonl");
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const T = "imap://mail.example.net:143";

describe("MigrationLedger", () => {
  it("remembers copied and found messages per mailbox and folder across reopenings, and the mailbox's outcome", () => {
    const f = file();
    const l = MigrationLedger.open(f);
    l.startMailbox(T, "Alice@acme.com", "alice");
    l.recordMessage(T, "alice@acme.com", "Inbox", {
      key: "<a@x>|h1",
      messageId: "<a@x>",
      size: 10,
      uid: 1,
      how: "copied",
    });
    l.recordMessage(T, "alice@acme.com", "Inbox", {
      key: "|h2",
      messageId: undefined,
      size: 20,
      uid: 2,
      how: "present",
    });
    l.recordFolder(T, "alice@acme.com", "Inbox", "INBOX", 2, 30);
    l.finishMailbox(T, "alice@acme.com", "alice", "COPIED", { copied: 1, present: 1, failed: 0, bytes: 10 });
    l.close();

    const again = MigrationLedger.open(f);
    expect(again.has(T, "ALICE@acme.com", "Inbox", "<a@x>|h1")).toBe(true);
    expect(again.has(T, "alice@acme.com", "Inbox", "|h2")).toBe(true);
    expect(again.has(T, "alice@acme.com", "Sent Items", "<a@x>|h1")).toBe(false);
    expect(again.has("imap://other:143", "alice@acme.com", "Inbox", "<a@x>|h1")).toBe(false);
    expect(again.mailbox(T, "alice@acme.com")).toMatchObject({
      state: "COPIED",
      copied: 1,
      present: 1,
      bytesCopied: 10,
      sourceMessages: 2,
      sourceBytes: 30,
      login: "alice",
    });
    expect(again.foldersOf(T, "alice@acme.com")).toEqual([
      { source: "Inbox", target: "INBOX", messages: 2, bytes: 30 },
    ]);
  });

  it("skips a last line cut short by a crash and keeps writing on a new line", () => {
    const f = file();
    const l = MigrationLedger.open(f);
    l.startMailbox(T, "a", "a");
    l.recordMessage(T, "a", "Inbox", { key: "k1", messageId: undefined, size: 1, uid: 1, how: "copied" });
    l.close();
    appendFileSync(f, '{"t":"msg","target":"imap://mail.example.net:143","mailbox":"a","folder":"Inbox","key":"k2"');
    const r = MigrationLedger.open(f);
    expect(r.has(T, "a", "Inbox", "k1")).toBe(true);
    expect(r.has(T, "a", "Inbox", "k2")).toBe(false);
    r.recordMessage(T, "a", "Inbox", { key: "k3", messageId: undefined, size: 1, uid: 3, how: "copied" });
    r.close();
    expect(MigrationLedger.open(f).has(T, "a", "Inbox", "k3")).toBe(true);
    expect(
      readFileSync(f, "utf8")
        .split("\n")
        .filter((x) => x !== ""),
    ).toHaveLength(4);
  });

  it("shows a mailbox whose copy was killed as RUNNING, with what it copied so far", () => {
    const f = file();
    const l = MigrationLedger.open(f);
    l.startMailbox(T, "a", "a");
    for (let i = 0; i < 5; i++)
      l.recordMessage(T, "a", "Inbox", { key: `k${i}`, messageId: undefined, size: 100, uid: i, how: "copied" });
    l.flush();
    // No close, no finish: as after kill -9.
    expect(MigrationLedger.open(f).mailbox(T, "a")).toMatchObject({
      state: "RUNNING",
      copied: 5,
      bytesCopied: 500,
      finishedAt: undefined,
    });
    l.close();
  });
});

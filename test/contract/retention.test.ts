import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { advanceClock } from "../../src/local-backend/index.js";
import { applyRetention, type RetentionMailboxContent } from "../../src/local-backend/operations/retention-apply.js";
import type { RetentionItem } from "../../src/local-backend/rules/retention.js";
import { failure, openPolicyOrg, type PolicyOrg } from "../helpers/policy-org.js";

let t: PolicyOrg;
beforeEach(async () => {
  t = await openPolicyOrg();
});
afterEach(() => t.close());

const put = (more: Partial<Parameters<PolicyOrg["api"]["putRetentionPolicy"]>[0]> = {}) =>
  t.api.putRetentionPolicy({
    OrganizationId: t.org,
    Name: "standard",
    FolderConfigurations: [
      { Name: "INBOX", Action: "DELETE", Period: 30 },
      { Name: "JUNK_EMAIL", Action: "PERMANENTLY_DELETE", Period: 7 },
    ],
    ...more,
  });

describe("retention policy operations", () => {
  it("puts, reads back and deletes the organization's one policy", async () => {
    expect((await failure(t.api.getDefaultRetentionPolicy({ OrganizationId: t.org }))).name).toBe(
      "EntityNotFoundException",
    );
    await put({ Description: "30 days in the inbox" });
    const p = await t.api.getDefaultRetentionPolicy({ OrganizationId: t.org });
    expect(p).toMatchObject({ Name: "standard", Description: "30 days in the inbox" });
    expect(p.FolderConfigurations).toEqual([
      { Name: "INBOX", Action: "DELETE", Period: 30 },
      { Name: "JUNK_EMAIL", Action: "PERMANENTLY_DELETE", Period: 7 },
    ]);
    // A second put (with or without the id) updates the same policy.
    await put({ Name: "stricter", FolderConfigurations: [{ Name: "INBOX", Action: "PERMANENTLY_DELETE", Period: 1 }] });
    await put({ Id: p.Id, Name: "stricter" });
    const q = await t.api.getDefaultRetentionPolicy({ OrganizationId: t.org });
    expect(q.Id).toBe(p.Id);
    expect(q.Name).toBe("stricter");
    expect((await failure(put({ Id: "another-policy" }))).name).toBe("LimitExceededException");
    await t.api.deleteRetentionPolicy({ OrganizationId: t.org, Id: p.Id as string });
    expect((await failure(t.api.getDefaultRetentionPolicy({ OrganizationId: t.org }))).name).toBe(
      "EntityNotFoundException",
    );
    await expect(t.api.deleteRetentionPolicy({ OrganizationId: t.org, Id: p.Id as string })).resolves.toEqual({});
  });

  it("enforces the model's folders, actions and 1-730 day periods", async () => {
    const bad = (FolderConfigurations: unknown) => failure(put({ FolderConfigurations } as never));
    expect((await bad([{ Name: "INBOX", Action: "DELETE", Period: 0 }])).name).toBe("ValidationException");
    expect((await bad([{ Name: "INBOX", Action: "DELETE", Period: 731 }])).name).toBe("ValidationException");
    expect((await bad([{ Name: "ARCHIVE", Action: "DELETE", Period: 5 }])).name).toBe("ValidationException");
    expect((await bad([{ Name: "INBOX", Action: "SHRED", Period: 5 }])).name).toBe("ValidationException");
    expect((await bad([{ Name: "INBOX", Action: "DELETE" }])).name).toBe("InvalidParameterException");
    expect(
      (
        await bad([
          { Name: "INBOX", Action: "DELETE", Period: 3 },
          { Name: "INBOX", Action: "NONE" },
        ])
      ).name,
    ).toBe("InvalidParameterException");
    await put({
      FolderConfigurations: [
        { Name: "INBOX", Action: "DELETE", Period: 730 },
        { Name: "DRAFTS", Action: "NONE" },
      ],
    });
  });
});

/** An in-memory mailbox store implementing the retention seam. */
function memoryContent(start: Date) {
  const at = (days: number) => new Date(start.getTime() - days * 86_400_000);
  const items = new Map<string, RetentionItem & { recoverable?: boolean }>([
    ["old-inbox", { mailboxId: "bob", messageId: "old-inbox", folder: "INBOX", lastActionAt: at(40) }],
    ["new-inbox", { mailboxId: "bob", messageId: "new-inbox", folder: "INBOX", lastActionAt: at(1) }],
    ["old-junk", { mailboxId: "bob", messageId: "old-junk", folder: "JUNK_EMAIL", lastActionAt: at(8) }],
    ["sent", { mailboxId: "bob", messageId: "sent", folder: "SENT_ITEMS", lastActionAt: at(400) }],
  ]);
  const content: RetentionMailboxContent = {
    items: () => [...items.values()].filter((i) => !i.recoverable),
    moveToDeletedItems: (_o, _m, id, when) => {
      const i = items.get(id);
      if (i) items.set(id, { ...i, folder: "DELETED_ITEMS", lastActionAt: when });
    },
    deleteRecoverably: (_o, _m, id) => {
      const i = items.get(id);
      if (i) items.set(id, { ...i, recoverable: true });
    },
    deletePermanently: (_o, _m, id) => void items.delete(id),
  };
  return { items, content };
}

describe("applyRetention (the seam for mailbox content)", () => {
  it("does nothing without a policy", () => {
    const { content, items } = memoryContent(new Date());
    const report = t.backend.tx((sim) => applyRetention(sim, t.org, content));
    expect(report).toMatchObject({ policyId: undefined, movedToDeletedItems: 0, deletedPermanently: 0 });
    expect(items.size).toBe(4);
  });

  it("moves, recovers and purges by folder as the simulator clock advances", async () => {
    await put({
      FolderConfigurations: [
        { Name: "INBOX", Action: "DELETE", Period: 30 },
        { Name: "DELETED_ITEMS", Action: "DELETE", Period: 10 },
        { Name: "JUNK_EMAIL", Action: "PERMANENTLY_DELETE", Period: 7 },
      ],
    });
    const now = t.backend.tx((sim) => sim.now);
    const { content, items } = memoryContent(now);
    const first = t.backend.tx((sim) => applyRetention(sim, t.org, content));
    expect(first).toMatchObject({ movedToDeletedItems: 1, deletedRecoverably: 0, deletedPermanently: 1 });
    expect(items.get("old-inbox")?.folder).toBe("DELETED_ITEMS");
    expect(items.has("old-junk")).toBe(false);
    expect(items.get("sent")?.folder).toBe("SENT_ITEMS");
    // Same time again: nothing more is due (the move restarted the message's age).
    expect(t.backend.tx((sim) => applyRetention(sim, t.org, content)).decisions).toEqual([]);
    advanceClock(t.backend.db, 30 * 86_400_000);
    const later = t.backend.tx((sim) => applyRetention(sim, t.org, content));
    expect(later).toMatchObject({ movedToDeletedItems: 1, deletedRecoverably: 1 });
    expect(items.get("old-inbox")?.recoverable).toBe(true);
    expect(items.get("new-inbox")?.folder).toBe("DELETED_ITEMS");
  });
});

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { advanceClock } from "../../src/local-backend/clock.js";
import { MailOrg, message } from "../helpers/mail-org.js";

const DAY = 24 * 3_600_000;
const MIB = 1024 * 1024;

let o: MailOrg;
beforeEach(async () => {
  o = await MailOrg.open();
});
afterEach(() => o.close());

async function error(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
  throw new Error("expected the call to fail");
}

const details = (user: string) => o.api.getMailboxDetails({ OrganizationId: o.orgId, UserId: user });

/** Every stored message file of the organization. */
function storedFiles(): string[] {
  const root = join(o.dir, "mail");
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => /\.(eml|vcf)$/.test(f))
    .map((f) => join(root, f));
}

describe("GetMailboxDetails", () => {
  it("reports the default 50 GB quota and a size computed from the content", async () => {
    await o.user("alice");
    expect(await details("alice")).toMatchObject({ MailboxQuota: 51200, MailboxSize: 0 });
    const a = message("one", "a".repeat(100_000));
    const b = message("two", "b".repeat(50_000));
    await o.deliver(o.email("alice"), [a, b]);
    const d = await details(o.email("alice"));
    expect(d.MailboxSize).toBeCloseTo((Buffer.byteLength(a) + Buffer.byteLength(b)) / MIB, 10);
  });

  it("knows users and resources with a mailbox, not groups or users never enabled", async () => {
    await o.resource("room1");
    expect((await details("room1")).MailboxQuota).toBe(51200);
    const g = await o.group("sales");
    expect((await error(details(g))).name).toBe("InvalidParameterException");
    await o.user("never", { enable: false });
    expect((await error(details("never"))).name).toBe("EntityNotFoundException");
    expect((await error(details("nobody"))).name).toBe("EntityNotFoundException");
  });
});

describe("UpdateMailboxQuota", () => {
  it("takes 1 to 51,200 MB (the model's minimum, the guide's maximum)", async () => {
    await o.user("alice");
    await o.api.updateMailboxQuota({ OrganizationId: o.orgId, UserId: "alice", MailboxQuota: 1 });
    expect((await details("alice")).MailboxQuota).toBe(1);
    await o.api.updateMailboxQuota({ OrganizationId: o.orgId, UserId: "alice", MailboxQuota: 51200 });
    expect((await details("alice")).MailboxQuota).toBe(51200);
    expect(
      (await error(o.api.updateMailboxQuota({ OrganizationId: o.orgId, UserId: "alice", MailboxQuota: 0 }))).name,
    ).toBe("ValidationException");
    const big = await error(
      o.api.updateMailboxQuota({ OrganizationId: o.orgId, UserId: "alice", MailboxQuota: 51201 }),
    );
    expect(big.name).toBe("InvalidParameterException");
    expect(big.message).toContain("51200");
  });

  it("needs an enabled user", async () => {
    const id = await o.user("alice");
    await o.disable(id);
    expect(
      (await error(o.api.updateMailboxQuota({ OrganizationId: o.orgId, UserId: id, MailboxQuota: 100 }))).name,
    ).toBe("EntityStateException");
  });
});

describe("delivery (local deliver)", () => {
  it("stores the raw bytes unchanged and indexes them by folder", async () => {
    await o.user("alice");
    const raw = Buffer.from(
      message("Grüße aus Köln", "Ünïcödé body\r\n", "X-Custom:  keeps   its  spacing\r\n"),
      "utf8",
    );
    const [r] = await o.deliver(o.email("alice"), [raw], "Inbox/Projekte");
    expect(r).toMatchObject({
      status: "DELIVERED",
      folder: "Inbox/Projekte",
      subject: "Grüße aus Köln",
      kind: "message",
      size: raw.length,
    });
    const files = storedFiles();
    expect(files).toHaveLength(1);
    expect(readFileSync(files[0] as string).equals(raw)).toBe(true);
  });

  it("enforces the mailbox quota: a message that does not fit bounces and the size stays", async () => {
    await o.user("alice");
    await o.api.updateMailboxQuota({ OrganizationId: o.orgId, UserId: "alice", MailboxQuota: 1 });
    const m = message("big", "z".repeat(600 * 1024));
    const [first] = await o.deliver(o.email("alice"), [m]);
    expect(first?.status).toBe("DELIVERED");
    const [second] = await o.deliver(o.email("alice"), [m]);
    expect(second).toMatchObject({ status: "REJECTED", code: "MAILBOX_FULL" });
    expect(second?.reason).toContain("1 MB quota");
    expect((await details("alice")).MailboxSize).toBeCloseTo(Buffer.byteLength(m) / MIB, 10);
    expect(storedFiles()).toHaveLength(1);
  });

  it("enforces the guide's message quotas", async () => {
    await o.user("alice");
    const tooBig = Buffer.alloc(40 * MIB + 1, 0x61);
    Buffer.from("Subject: big\r\n\r\n").copy(tooBig);
    const unencoded = message("unencoded", "u".repeat(29 * MIB + 10));
    const parts = Array.from(
      { length: 501 },
      (_, i) => `--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename="a${i}.txt"\r\n\r\nx\r\n`,
    ).join("");
    const attachments = `Subject: many\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${parts}--b--\r\n`;
    const rcpts = Array.from({ length: 501 }, (_, i) => `r${i}@example.com`).join(", ");
    const recipients = `Subject: crowd\r\nTo: ${rcpts}\r\n\r\nhi\r\n`;
    const results = await o.deliver(o.email("alice"), [
      tooBig,
      unencoded,
      attachments,
      recipients,
      "just some text, no headers",
    ]);
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ["REJECTED", "MESSAGE_TOO_LARGE"],
      ["REJECTED", "MESSAGE_TOO_LARGE"],
      ["REJECTED", "TOO_MANY_ATTACHMENTS"],
      ["REJECTED", "TOO_MANY_RECIPIENTS"],
      ["REJECTED", "NOT_MIME"],
    ]);
    expect(results[1]?.reason).toContain("29 MB");
    expect(storedFiles()).toHaveLength(0);
  });

  it("accepts 500 attachments and a 39 MB message", async () => {
    await o.user("alice");
    const parts = Array.from(
      { length: 500 },
      (_, i) => `--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename="a${i}.txt"\r\n\r\nx\r\n`,
    ).join("");
    const ok = `Subject: many\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${parts}--b--\r\n`;
    const large = `Subject: large\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.alloc(
      28 * MIB,
      7,
    )
      .toString("base64")
      .replace(/.{76}/g, "$&\r\n")}`;
    const results = await o.deliver(o.email("alice"), [ok, large]);
    expect(results.map((r) => r.status)).toEqual(["DELIVERED", "DELIVERED"]);
    expect(results[0]?.attachments).toBe(500);
  });

  it("bounces mail for a disabled mailbox and refuses unknown recipients", async () => {
    const id = await o.user("alice");
    await o.disable(id);
    const [r] = await o.deliver(o.email("alice"), [message("late")]);
    expect(r).toMatchObject({ status: "REJECTED", code: "MAILBOX_UNAVAILABLE" });
    expect((await error(o.deliver("nobody@example.com", [message("x")]))).name).toBe("EntityNotFoundException");
  });

  it("delivers to a group's members, nested groups included", async () => {
    const alice = await o.user("alice");
    const bob = await o.user("bob");
    const carol = await o.user("carol");
    const inner = await o.group("inner", [carol]);
    await o.group("team", [alice, bob, inner]);
    const results = await o.deliver(o.email("team"), [message("all hands")]);
    expect(results.map((r) => r.mailbox).sort()).toEqual(["alice", "bob", "carol"]);
    expect(results.every((r) => r.status === "DELIVERED" && r.recipient === o.email("team"))).toBe(true);
  });

  it("keeps vCards as contacts and invitations in the calendar", async () => {
    await o.user("alice");
    const invite = `Subject: Meeting\r\nMIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n`;
    const results = await o.deliver(o.email("alice"), [
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nEND:VCARD\r\n",
      invite,
    ]);
    expect(results.map((r) => [r.kind, r.folder])).toEqual([
      ["contact", "Contacts"],
      ["calendar", "Calendar"],
    ]);
  });

  it("refuses folder names that cannot be folders", async () => {
    await o.user("alice");
    for (const folder of ["", "Inbox/../x", "a\\b", "Inbox//x"]) {
      expect((await error(o.deliver(o.email("alice"), [message("x")], folder))).name, folder).toBe(
        "InvalidParameterException",
      );
    }
  });
});

describe("the 30-day rule", () => {
  it("deletes the content of a mailbox disabled for more than 30 days", async () => {
    const id = await o.user("alice");
    await o.deliver(o.email("alice"), [message("one"), message("two")]);
    await o.disable(id);
    await o.control.advance(29 * DAY);
    expect((await details(id)).MailboxSize).toBeGreaterThan(0);
    expect(storedFiles()).toHaveLength(2);
    await o.control.advance(2 * DAY);
    expect((await details(id)).MailboxSize).toBe(0);
    expect(storedFiles()).toHaveLength(0);
    // Enabled again, the user starts with an empty mailbox.
    await o.api.registerToWorkMail({ OrganizationId: o.orgId, EntityId: id, Email: o.email("alice") });
    expect((await details(id)).MailboxSize).toBe(0);
    const [r] = await o.deliver(o.email("alice"), [message("new")]);
    expect(r?.status).toBe("DELIVERED");
  });

  it("applies when the user is enabled again after more than 30 days, even if nothing looked in between", async () => {
    const id = await o.user("alice");
    await o.deliver(o.email("alice"), [message("old")]);
    await o.disable(id);
    advanceClock(o.backend.db, 31 * DAY); // no sweep: only the clock moves
    await o.api.registerToWorkMail({ OrganizationId: o.orgId, EntityId: id, Email: o.email("alice") });
    expect((await details(id)).MailboxSize).toBe(0);
    expect(storedFiles()).toHaveLength(0);
  });

  it("keeps the content of a user disabled and enabled again within 30 days", async () => {
    const id = await o.user("alice");
    await o.deliver(o.email("alice"), [message("keep")]);
    await o.disable(id);
    await o.control.advance(20 * DAY);
    await o.api.registerToWorkMail({ OrganizationId: o.orgId, EntityId: id, Email: o.email("alice") });
    await o.control.advance(20 * DAY);
    expect((await details(id)).MailboxSize).toBeGreaterThan(0);
  });
});

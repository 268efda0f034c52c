import { describe, expect, it } from "vitest";
import { dedupeKey, imapSize, messageFacts, messageHash, toCrlf } from "../../../src/migrate/message-key.js";
import { messageIdFromHeaders } from "../../../src/migrate/target-folder.js";

describe("dedupe keys", () => {
  it("hash and size are those of the CRLF form, so an LF-only message equals its copy in the target", () => {
    const lf = Buffer.from("Subject: a\nMessage-ID: <x@y>\n\nbody\n");
    const crlf = Buffer.from("Subject: a\r\nMessage-ID: <x@y>\r\n\r\nbody\r\n");
    expect(toCrlf(lf).equals(crlf)).toBe(true);
    expect(toCrlf(crlf)).toBe(crlf);
    expect(messageHash(lf)).toBe(messageHash(crlf));
    expect(imapSize(lf)).toBe(crlf.length);
  });

  it("keys on Message-ID plus the hash: same ID with other bytes, or same bytes without an ID, differ", async () => {
    const a = await messageFacts(Buffer.from("Message-ID: <id-1@example.com>\r\nSubject: Grüße\r\n\r\none\r\n"));
    const b = await messageFacts(Buffer.from("Message-ID: <id-1@example.com>\r\nSubject: Grüße\r\n\r\ntwo\r\n"));
    const c = await messageFacts(Buffer.from("Subject: none\r\n\r\none\r\n"));
    expect(a.messageId).toBe("<id-1@example.com>");
    expect(a.subject).toBe("Grüße");
    expect(c.messageId).toBeUndefined();
    expect(dedupeKey(a)).not.toBe(dedupeKey(b));
    expect(dedupeKey(a).startsWith("<id-1@example.com>|")).toBe(true);
    expect(dedupeKey(c)).toBe(`|${c.sha256}`);
    expect(
      dedupeKey(await messageFacts(Buffer.from("Message-ID: <id-1@example.com>\r\nSubject: Grüße\r\n\r\none\r\n"))),
    ).toBe(dedupeKey(a));
  });

  it("reads a Message-ID from fetched headers, folded or without brackets", () => {
    expect(messageIdFromHeaders(Buffer.from("Message-ID:\r\n <folded@x>\r\n\r\n"))).toBe("<folded@x>");
    expect(messageIdFromHeaders(Buffer.from("message-id: bare@x\r\n\r\n"))).toBe("<bare@x>");
    expect(messageIdFromHeaders(Buffer.from("\r\n"))).toBeUndefined();
  });
});

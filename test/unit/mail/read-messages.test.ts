import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readMessages } from "../../../src/mail-files/read-messages.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-read-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function all(paths: string[]) {
  const out: Array<{ name: string; raw: string }> = [];
  for await (const m of readMessages(paths)) out.push({ name: m.name, raw: m.raw.toString("latin1") });
  return out;
}

describe("reading message files", () => {
  it("reads a file as one message, byte for byte (CRLF, 8-bit)", async () => {
    const raw = Buffer.from("Subject: caf\xe9\r\n\r\nbody\r\n", "latin1");
    writeFileSync(join(dir, "a.eml"), raw);
    expect(await all([join(dir, "a.eml")])).toEqual([{ name: join(dir, "a.eml"), raw: raw.toString("latin1") }]);
  });

  it("walks a directory in name order, recursively, skipping hidden files", async () => {
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "b.eml"), "Subject: b\n\nb\n");
    writeFileSync(join(dir, "a.eml"), "Subject: a\n\na\n");
    writeFileSync(join(dir, ".DS_Store"), "junk");
    writeFileSync(join(dir, "sub", "c.eml"), "Subject: c\n\nc\n");
    expect((await all([dir])).map((m) => m.name)).toEqual([
      join(dir, "a.eml"),
      join(dir, "b.eml"),
      join(dir, "sub", "c.eml"),
    ]);
  });

  it("splits an mbox on From_ lines and undoes mboxrd quoting", async () => {
    const mbox = [
      "From alice@example.com Mon Jan  1 00:00:00 2024",
      "Subject: one",
      "",
      ">From here on, quoted",
      ">>From deeper",
      "From is not a separator without a blank line before it",
      "",
      "From bob@example.com Mon Jan  1 00:00:01 2024",
      "Subject: two",
      "",
      "last line",
      "",
    ].join("\n");
    writeFileSync(join(dir, "box.mbox"), mbox);
    expect(await all([join(dir, "box.mbox")])).toEqual([
      {
        name: "box.mbox#1",
        raw: "Subject: one\n\nFrom here on, quoted\n>From deeper\nFrom is not a separator without a blank line before it\n",
      },
      { name: "box.mbox#2", raw: "Subject: two\n\nlast line\n" },
    ]);
  });

  it("streams an mbox larger than its read buffer", async () => {
    const body = "x".repeat(100) + "\n";
    const parts: string[] = [];
    for (let i = 0; i < 50; i++)
      parts.push(`From a@b Mon Jan  1 00:00:00 2024\nSubject: ${i}\n\n${body.repeat(500)}\n`);
    writeFileSync(join(dir, "big.mbox"), parts.join(""));
    const msgs = await all([join(dir, "big.mbox")]);
    expect(msgs).toHaveLength(50);
    expect(msgs[49]?.raw).toBe(`Subject: 49\n\n${body.repeat(500)}`);
  });
});

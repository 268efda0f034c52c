import { describe, expect, it } from "vitest";
import { renderTable } from "../../../src/output/table.js";
import { createStyle } from "../../../src/output/style.js";
import { displayWidth, layoutTable, wrap } from "../../../src/output/table-layout.js";

const plain = createStyle(false);
const widest = (text: string) => Math.max(...text.trimEnd().split("\n").map(displayWidth));

const DKIM = "abcdefghijklmnopqrstuvwxyz234567.dkim.amazonses.com";
const RECORDS = [
  {
    purpose: "DKIM (1 of 3)",
    type: "CNAME",
    name: "abcdefghijklmnopqrstuvwxyz234567._domainkey.example.com",
    value: DKIM,
  },
  {
    purpose: "Ownership verification",
    type: "TXT",
    name: "_amazonses.example.com",
    value: "jsoIahO7ZvbGiIhM/RMIC5OyD3m2lXh6zuh9kLUrW9s=",
  },
];

describe("table layout (issue #11 item 9)", () => {
  it("never cuts a record value or a name: other columns go first, then values wrap, and every character is still there", () => {
    const hidden: string[][] = [];
    const text = renderTable(RECORDS, ["purpose", "type", "name", "value"], plain, 80, (h) => hidden.push([...h]));
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text).not.toContain("…");
    expect(hidden).toEqual([["purpose", "type"]]);
    // Read each column back by its position under the header: every value is there, whole.
    const [header = "", ...lines] = text.trimEnd().split("\n");
    const at = header.indexOf("VALUE");
    const names = lines.map((l) => l.slice(0, at).trim()).join("");
    const values = lines.map((l) => l.slice(at).trim()).join("");
    expect(names).toBe(RECORDS.map((r) => r.name).join(""));
    expect(values).toBe(RECORDS.map((r) => r.value).join(""));
  });

  it("shortens a description before leaving anything out, and keeps ids whole", () => {
    const rows = [
      {
        id: "0123456789abcdef0123456789abcdef",
        name: "bob",
        description: "a very long description that nobody needs to read in full here",
      },
    ];
    const text = renderTable(rows, ["id", "name", "description"], plain, 60);
    expect(text).toContain("0123456789abcdef0123456789abcdef");
    expect(text).toMatch(/^0123456789abcdef0123456789abcdef  bob   a very long descrip…$/m);
    expect(widest(text)).toBeLessThanOrEqual(60);
  });

  it("is as wide as its content with an unlimited width (--wide, a pipe)", () => {
    const text = renderTable(RECORDS, ["purpose", "type", "name", "value"], plain, Number.POSITIVE_INFINITY);
    expect(text.split("\n")[1]).toBe(`DKIM (1 of 3)           CNAME  ${RECORDS[0]?.name}  ${DKIM}`);
  });

  it("measures wide characters by display width, so columns line up", () => {
    const rows = [
      { name: "田中太郎", city: "東京" },
      { name: "bob", city: "Paris" },
    ];
    const lines = renderTable(rows, ["name", "city"], plain, 80).trimEnd().split("\n");
    expect(lines).toEqual(["NAME      CITY", "田中太郎  東京", "bob       Paris"]);
    expect(displayWidth("田中太郎")).toBe(8);
  });

  it("wraps at a space when one is near, else anywhere", () => {
    expect(wrap("alpha beta gamma delta", 12)).toBe("alpha beta\ngamma delta");
    expect(wrap("0123456789", 4)).toBe("0123\n4567\n89");
  });

  it("leaves out the rightmost shortened columns first", () => {
    const layout = layoutTable(
      ["name", "state", "note"],
      ["NAME", "STATE", "NOTE"],
      [["x".repeat(30), "ENABLED", "n".repeat(30)]],
      40,
    );
    expect(layout.hidden).toEqual(["note"]);
    expect(layout.shown).toEqual([0, 1]);
  });
});

describe("human units in tables (issue #11 item 11)", () => {
  it("shows sizes in KB/MB/GB and times relative to now", async () => {
    const { humanBytes, relativeTime, humanCell } = await import("../../../src/output/human.js");
    expect(humanBytes(0.0015964508056640625 * 1024 * 1024)).toBe("1.6 KB");
    expect(humanBytes(51200 * 1024 * 1024)).toBe("50 GB");
    expect(humanBytes(512)).toBe("512 B");
    const now = Date.parse("2026-12-04T12:00:00Z");
    expect(relativeTime(now - 3 * 60_000, now)).toBe("3 minutes ago");
    expect(relativeTime(now + 2 * 86_400_000, now)).toBe("in 2 days");
    expect(relativeTime(now - 10_000, now)).toBe("just now");
    expect(humanCell("quotaMegabytes", 51200, now)).toBe("50 GB");
    expect(humanCell("usedPercent", 12, now)).toBe("12");
    expect(humanCell("startTime", new Date(now - 3_600_000), now, { exactTimes: true })).toBe(
      "2026-12-04 11:00 UTC (1 hour ago)",
    );
  });
});

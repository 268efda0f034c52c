import { describe, expect, it } from "vitest";
import { createStyle } from "../../../src/output/style.js";
import { renderRecord, renderTable } from "../../../src/output/table.js";
import { isKeptField, layoutTable, shorten, wrap } from "../../../src/output/table-layout.js";

const plain = createStyle(false);
const color = createStyle(true);
const upper = (fields: string[]) => fields.map((f) => f.toUpperCase());

describe("which columns are never shortened", () => {
  const whole = [
    "id",
    "ids",
    "name",
    "email",
    "alias",
    "aliases",
    "address",
    "addresses",
    "domain",
    "arn",
    "value",
    "token",
    "s3Path",
    "location",
    "target",
    "endpoint",
    "url",
    "user",
    "mailbox",
    "grantee",
    "member",
    "key",
  ];
  const suffixes = ["Id", "Name", "Email", "Arn"];

  it("keeps ids, names, addresses, ARNs, paths and values whole, by their exact name", () => {
    for (const f of whole) {
      expect(isKeptField(f), f).toBe(true);
      expect(isKeptField(`x${f}`), `x${f}`).toBe(false);
      expect(isKeptField(`${f}x`), `${f}x`).toBe(false);
    }
    for (const s of suffixes) {
      expect(isKeptField(`user${s}`), `user${s}`).toBe(true);
      expect(isKeptField(`user${s}Count`), `user${s}Count`).toBe(false);
    }
    for (const f of ["description", "state", "paid", "surname", "aliasx", "alia", "addresse"])
      expect(isKeptField(f), f).toBe(false);
  });
});

describe("layoutTable", () => {
  it("leaves the table alone when it fits, hiding nothing", () => {
    const l = layoutTable(["name", "note"], ["NAME", "NOTE"], [["alice", "hello"]], 12);
    expect(l).toEqual({ shown: [0, 1], widths: [5, 5], rows: [["alice", "hello"]], hidden: [] });
  });

  it("shortens the widest column first, the first of equals first", () => {
    const cells = [["alice", "d".repeat(30), "n".repeat(10)]];
    const l = layoutTable(["name", "description", "note"], ["NAME", "DESCRIPTION", "NOTE"], cells, 5 + 2 + 25 + 2 + 10);
    expect(l.widths).toEqual([5, 25, 10]);
    expect(l.rows[0]).toEqual(["alice", `${"d".repeat(24)}…`, "n".repeat(10)]);
    const tie = layoutTable(["a", "b"], ["A", "B"], [["x".repeat(20), "y".repeat(20)]], 41);
    expect(tie.widths).toEqual([19, 20]);
  });

  it("does not shorten below the header or 6 columns: it leaves the column out instead", () => {
    const cells = [["alice", "d".repeat(30)]];
    const l = layoutTable(["name", "description"], ["NAME", "DESCRIPTION"], cells, 5 + 2 + 10);
    expect(l.hidden).toEqual(["description"]);
    expect(l.widths).toEqual([5]);
    const fits = layoutTable(["name", "description"], ["NAME", "DESCRIPTION"], cells, 5 + 2 + 11);
    expect(fits.hidden).toEqual([]);
    expect(fits.widths).toEqual([5, 11]);
  });

  it("keeps one column however narrow the terminal", () => {
    const l = layoutTable(["description", "note"], ["DESCRIPTION", "NOTE"], [["d".repeat(30), "n".repeat(30)]], 3);
    expect(l.shown).toEqual([0]);
    expect(l.hidden).toEqual(["note"]);
  });

  it("leaves out state columns last", () => {
    const one = (f: string) =>
      layoutTable(
        ["name", "note", f],
        ["NAME", "NOTE", f.toUpperCase()],
        [["alice", "n".repeat(6), "ENABLED"]],
        Math.max(7 + Math.max(f.length, 7), 13),
      ).hidden;
    for (const f of ["state", "State", "mailStatus", "status", "effect", "result"]) expect(one(f), f).toEqual(["note"]);
    for (const f of ["stateful", "xstate", "statusCode", "xeffect", "effects", "xresult", "results"])
      expect(one(f), f).toEqual([f]);
  });

  it("wraps the widest kept column, not below 12 columns, then prints as wide as it must", () => {
    const alone = layoutTable(["name"], ["NAME"], [["a".repeat(30)]], 20);
    expect(alone.widths).toEqual([20]);
    expect(alone.rows[0]).toEqual([`${"a".repeat(20)}\n${"a".repeat(10)}`]);
    const two = layoutTable(["name", "id"], ["NAME", "ID"], [["a".repeat(30), "b".repeat(12)]], 20);
    expect(two.widths).toEqual([12, 12]);
    expect(two.hidden).toEqual([]);
    const tie = layoutTable(["name", "id"], ["NAME", "ID"], [["a".repeat(20), "b".repeat(20)]], 41);
    expect(tie.widths).toEqual([19, 20]);
  });
});

describe("shorten and wrap", () => {
  it("shortens to the width, the last column an ellipsis, by display width", () => {
    expect(shorten("abcdef", 6)).toBe("abcdef");
    expect(shorten("abcdef", 4)).toBe("abc…");
    expect(shorten("東京都庁", 5)).toBe("東京…");
  });

  it("wraps into lines of the width, at a space in the second half of a line", () => {
    expect(wrap("abcdef", 3)).toBe("abc\ndef");
    expect(wrap("ab cdef", 4)).toBe("ab\ncdef");
    expect(wrap("abc", 0)).toBe("abc");
    expect(wrap("abc\nabcdef", 4)).toBe("abc\nabcd\nef");
  });
});

describe("renderTable", () => {
  it("prints nothing for no rows", () => {
    expect(renderTable([], ["name"], plain, 80)).toBe("");
  });

  it("reports left-out columns only when there are some, and needs no listener", () => {
    const calls: string[][] = [];
    renderTable([{ name: "alice", note: "n" }], ["name", "note"], plain, 80, (h) => calls.push([...h]));
    expect(calls).toEqual([]);
    const narrow = renderTable([{ name: "alice", description: "d".repeat(30) }], ["name", "description"], plain, 10);
    expect(narrow).toBe("NAME\nalice\n");
  });

  it("colours states by meaning and dims empty cells, but not a cell that is a dash", () => {
    const text = renderTable(
      [
        { name: "alice", state: "ENABLED", mailStatus: "FAILED", note: "-", stateful: "ENABLED" },
        { name: "bob", state: "DISABLED", mailStatus: undefined, note: "", stateful: "x" },
      ],
      ["name", "state", "mailStatus", "note", "stateful"],
      color,
      Number.POSITIVE_INFINITY,
    );
    const [, alice = "", bob = ""] = text.split("\n");
    expect(alice).toContain("\u001b[32mENABLED\u001b[39m");
    expect(alice).toContain("\u001b[31mFAILED\u001b[39m");
    expect(alice).toMatch(/ - {2,}ENABLED$/);
    expect(bob).toContain("\u001b[33mDISABLED\u001b[39m");
    expect(bob.match(/\u001b\[2m-\u001b\[22m/g)).toHaveLength(2);
  });

  it("colours only columns named as states", () => {
    for (const f of ["state", "mailStatus", "effect", "Result"])
      expect(renderTable([{ [f]: "ENABLED" }], [f], color, 80), f).toContain("\u001b[32mENABLED");
    for (const f of ["xstate", "statusCode", "xeffect", "effects", "xresult", "results"])
      expect(renderTable([{ [f]: "ENABLED" }], [f], color, 80), f).not.toContain("\u001b[32m");
  });

  it("prints a record's labels aligned, without trailing blanks", () => {
    expect(renderRecord({ name: "alice  ", quotaMegabytes: 2048 }, ["name", "quotaMegabytes"], plain)).toBe(
      "Name:   alice\nQuota:  2 GB\n",
    );
  });
});

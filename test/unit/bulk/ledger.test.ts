import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BulkLedger, type RowResult } from "../../../src/bulk/ledger.js";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "wmctl-ledger-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const id = { verb: "create", org: "m-1", input: "abc", rows: 3 };
const ok = (row: number): RowResult => ({
  row,
  key: `u${row}`,
  action: "create",
  outcome: "ok",
  error: undefined,
  message: undefined,
});

describe("BulkLedger", () => {
  it("remembers rows done ok (with the same fields), and rows cut short", () => {
    const file = join(dir, "r.csv.ledger.jsonl");
    const a = BulkLedger.open(file, id, { restart: false });
    a.start(1);
    a.finish(ok(1), "d1");
    a.start(2);
    a.finish({ ...ok(2), outcome: "failed", error: "EntityNotFoundException", message: "x" }, "d2");
    a.start(3); // killed here
    a.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const b = BulkLedger.open(file, id, { restart: false });
    expect(b.previousRuns).toBe(1);
    expect(b.isDone(1, "d1")).toBe(true);
    expect(b.isDone(1, "changed")).toBe(false);
    expect(b.isDone(2, "d2")).toBe(false);
    expect(b.isDone(3, "d3")).toBe(false);
    expect(b.interrupted()).toEqual([3]);
    expect(b.result(2)).toMatchObject({ outcome: "failed", error: "EntityNotFoundException" });
    b.close();
  });

  it("skips a line torn by a crash and starts the next event on a new line", () => {
    const file = join(dir, "l.jsonl");
    const a = BulkLedger.open(file, id, { restart: false });
    a.start(1);
    a.finish(ok(1), "d1");
    a.close();
    appendFileSync(file, '{"t":"done","row":2,"key":"u2","act');
    const b = BulkLedger.open(file, id, { restart: false });
    expect(b.isDone(1, "d1")).toBe(true);
    expect(b.isDone(2, "d2")).toBe(false);
    b.start(2);
    b.finish(ok(2), "d2");
    b.close();
    const c = BulkLedger.open(file, id, { restart: false });
    expect(c.isDone(2, "d2")).toBe(true);
    c.close();
    for (const line of readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.startsWith('{"t":"run"')))
      expect(JSON.parse(line)).toMatchObject({ verb: "create" });
  });

  it("refuses the ledger of another verb or organization unless --restart", () => {
    const file = join(dir, "l.jsonl");
    BulkLedger.open(file, id, { restart: false }).close();
    expect(() => BulkLedger.open(file, { ...id, verb: "delete" }, { restart: false })).toThrow(
      /belongs to another run/,
    );
    const fresh = BulkLedger.open(file, { ...id, verb: "delete" }, { restart: true });
    expect(fresh.previousRuns).toBe(0);
    fresh.close();
  });
});

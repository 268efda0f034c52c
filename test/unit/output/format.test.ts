import { describe, expect, it } from "vitest";
import {
  cellText,
  compareCells,
  FieldListError,
  fieldLabel,
  headerLabel,
  jsonValue,
  type OutputSpec,
  parseFieldList,
  parseSort,
} from "../../../src/output/format.js";
import { humanBytes, humanCell, labelField, relativeTime, shortDate } from "../../../src/output/human.js";

const spec: OutputSpec = { fields: ["name", "enabledDate", "size"], columns: ["name"], list: true };

function fieldError(f: () => unknown): FieldListError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FieldListError);
    expect((e as Error).name).toBe("FieldListError");
    return e as FieldListError;
  }
  throw new Error("no FieldListError thrown");
}

describe("labels", () => {
  it("turns field names into table headers and record labels", () => {
    expect(headerLabel("enabledDate")).toBe("ENABLED DATE");
    expect(headerLabel("s3Path")).toBe("S3 PATH");
    expect(headerLabel("mx_record--name")).toBe("MX RECORD NAME");
    expect(headerLabel("ID")).toBe("ID");
    expect(fieldLabel("enabledDate")).toBe("Enabled date");
    expect(fieldLabel("dkim__status")).toBe("Dkim status");
    expect(fieldLabel("s3Path")).toBe("S3 path");
  });

  it("labels a size by what it measures, its unit going with the value", () => {
    expect(labelField("quotaMegabytes")).toBe("quota");
    expect(labelField("Megabytes")).toBe("Megabytes");
    expect(labelField("xMegabytesLimit")).toBe("xMegabytesLimit");
    expect(headerLabel(labelField("quotaMegabytes"))).toBe("QUOTA");
  });
});

describe("cellText", () => {
  it("prints dates as ISO-8601, whole seconds without milliseconds", () => {
    expect(cellText(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05Z");
    expect(cellText(new Date("2026-01-02T03:04:05.120Z"))).toBe("2026-01-02T03:04:05.120Z");
    expect(cellText(new Date("nonsense"))).toBe("");
  });

  it("prints nothing as empty, lists joined, objects as JSON", () => {
    expect(cellText(undefined)).toBe("");
    expect(cellText(null)).toBe("");
    expect(cellText(["a", ["b", null]])).toBe("a,b,");
    expect(cellText(["a", "b"], ", ")).toBe("a, b");
    expect(cellText([new Date("2026-01-02T03:04:05Z"), 3])).toBe("2026-01-02T03:04:05Z,3");
    expect(cellText({ k: "v", n: 1 })).toBe('{"k":"v","n":1}');
    expect(cellText(0)).toBe("0");
    expect(cellText(false)).toBe("false");
  });
});

describe("jsonValue", () => {
  it("makes dates ISO strings (invalid ones null) and drops undefined members, at any depth", () => {
    expect(
      jsonValue({
        at: new Date("2026-01-02T03:04:05Z"),
        bad: new Date("nonsense"),
        gone: undefined,
        none: null,
        list: [new Date("2026-01-02T03:04:05Z"), { x: undefined, y: 1 }],
        nested: { when: new Date(0), gone: undefined },
      }),
    ).toEqual({
      at: "2026-01-02T03:04:05.000Z",
      bad: null,
      none: null,
      list: ["2026-01-02T03:04:05.000Z", { y: 1 }],
      nested: { when: "1970-01-01T00:00:00.000Z" },
    });
    const out = jsonValue({ gone: undefined, kept: 1 }) as object;
    expect(Object.keys(out)).toEqual(["kept"]);
    expect(jsonValue(null)).toBeNull();
    expect(jsonValue("text")).toBe("text");
    expect(jsonValue(7)).toBe(7);
  });
});

describe("--sort", () => {
  it("takes FIELD, FIELD:asc and FIELD:desc, in any case, spaces around ignored", () => {
    expect(parseSort("name", spec)).toEqual({ field: "name", descending: false });
    expect(parseSort(" enabledDate:desc ", spec)).toEqual({ field: "enabledDate", descending: true });
    expect(parseSort("name:DESC", spec)).toEqual({ field: "name", descending: true });
    expect(parseSort("name:asc", spec)).toEqual({ field: "name", descending: false });
  });

  it("rejects what is not FIELD[:asc|desc], unknown fields, and commands without a list", () => {
    for (const raw of ["name:up", "-name", "name:", "name,size", "na me"]) {
      const e = fieldError(() => parseSort(raw, spec));
      expect(e.message).toBe(`--sort: "${raw}" is not FIELD or FIELD:desc`);
      expect(e.validFields).toEqual(spec.fields);
    }
    const unknown = fieldError(() => parseSort("email:desc", spec));
    expect(unknown.message).toBe('--sort: unknown field "email"');
    expect(unknown.validFields).toEqual(spec.fields);
    for (const s of [undefined, { ...spec, list: false }, { fields: spec.fields, columns: spec.columns }]) {
      const e = fieldError(() => parseSort("name", s));
      expect(e.message).toBe("--sort: this command prints no list to sort");
      expect(e.validFields).toEqual([]);
    }
  });
});

describe("compareCells", () => {
  const sorted = (values: unknown[], descending = false) => [...values].sort((a, b) => compareCells(a, b, descending));

  it("orders text case-insensitively with numbers inside as numbers", () => {
    expect(sorted(["user10", "Bob", "user9", "alice"])).toEqual(["alice", "Bob", "user9", "user10"]);
    expect(compareCells("Alice", "alice")).toBe(0);
    expect(sorted(["user10", "Bob", "user9", "alice"], true)).toEqual(["user10", "user9", "Bob", "alice"]);
  });

  it("orders numbers by value, dates by time, booleans false first", () => {
    expect(sorted([10, 9, 100, -1])).toEqual([-1, 9, 10, 100]);
    expect(compareCells(3, 10)).toBeLessThan(0);
    expect(compareCells(10, 3)).toBeGreaterThan(0);
    const d = (s: string) => new Date(s);
    expect(sorted([d("2026-03-01"), d("2025-12-01"), d("2026-01-15")])).toEqual([
      d("2025-12-01"),
      d("2026-01-15"),
      d("2026-03-01"),
    ]);
    expect(compareCells(d("2026-01-01"), d("2026-01-02"))).toBeLessThan(0);
    expect(sorted([true, false, true])).toEqual([false, true, true]);
    expect(compareCells(true, false)).toBeGreaterThan(0);
    expect(sorted([2, 10, 1], true)).toEqual([10, 2, 1]);
    // What text comparison would get wrong: decimals, negative numbers, fractions of a second.
    expect(sorted([1.25, 1.5, 1.125])).toEqual([1.125, 1.25, 1.5]);
    expect(sorted([-2, -10, 3])).toEqual([-10, -2, 3]);
    const whole = d("2026-01-01T00:00:00.000Z");
    const half = d("2026-01-01T00:00:00.500Z");
    expect(sorted([half, whole])).toEqual([whole, half]);
    expect(compareCells(whole, half)).toBeLessThan(0);
  });

  it("orders a column mixing numbers or dates with words as text", () => {
    expect(sorted([10, "unlimited", 9])).toEqual([9, 10, "unlimited"]);
    expect(sorted(["unlimited", 9, 10])).toEqual([9, 10, "unlimited"]);
    const d = new Date("2026-01-01T00:00:00Z");
    expect(sorted(["never", d])).toEqual([d, "never"]);
    expect(sorted([d, "never"])).toEqual([d, "never"]);
  });

  it("puts empty cells last, ascending and descending", () => {
    for (const empty of [undefined, null, "", []]) {
      expect(compareCells(empty, "a")).toBe(1);
      expect(compareCells("a", empty)).toBe(-1);
      expect(compareCells(empty, "a", true)).toBe(1);
      expect(compareCells("a", empty, true)).toBe(-1);
      expect(compareCells(empty, undefined)).toBe(0);
    }
    expect(sorted(["b", null, "a", ""], true)).toEqual(["b", "a", null, ""]);
    expect(compareCells(["x"], ["y"])).toBeLessThan(0);
  });
});

describe("--fields", () => {
  it("ignores blanks and empty items", () => {
    expect(parseFieldList(" name ,, size,", spec)).toEqual(["name", "size"]);
  });

  it("names every unknown field, and says when there is nothing to select", () => {
    const two = fieldError(() => parseFieldList("nope,name,zip", spec));
    expect(two.message).toBe('unknown fields "nope", "zip"');
    expect(two.validFields).toEqual(spec.fields);
    const none = fieldError(() => parseFieldList(" , ", spec));
    expect(none.message).toBe("--fields needs at least one field name");
    expect(none.validFields).toEqual(spec.fields);
    const noSpec = fieldError(() => parseFieldList("name", undefined));
    expect(noSpec.message).toBe("this command prints no fields to select");
    expect(noSpec.validFields).toEqual([]);
  });
});

describe("human cells", () => {
  const now = Date.parse("2026-12-04T12:00:00Z");
  const ago = (ms: number) => relativeTime(now - ms, now);
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const DAY = 24 * HOUR;

  it("says how long ago, in the largest whole unit", () => {
    expect(ago(0)).toBe("just now");
    expect(ago(MIN - 1)).toBe("just now");
    expect(ago(MIN)).toBe("1 minute ago");
    expect(ago(2 * MIN + 59_000)).toBe("2 minutes ago");
    expect(ago(HOUR - 1)).toBe("59 minutes ago");
    expect(ago(HOUR)).toBe("1 hour ago");
    expect(ago(5 * HOUR)).toBe("5 hours ago");
    expect(ago(DAY)).toBe("1 day ago");
    expect(ago(29 * DAY)).toBe("29 days ago");
    expect(ago(30 * DAY)).toBe("1 month ago");
    expect(ago(364 * DAY)).toBe("12 months ago");
    expect(ago(365 * DAY)).toBe("1 year ago");
    expect(ago(3 * 365 * DAY)).toBe("3 years ago");
  });

  it("says how far ahead for times to come", () => {
    expect(ago(-30_000)).toBe("just now");
    expect(ago(-MIN)).toBe("in 1 minute");
    expect(ago(-2 * DAY)).toBe("in 2 days");
  });

  it("prints sizes in 1024-based units, one decimal below 100", () => {
    expect(humanBytes(0)).toBe("0 B");
    expect(humanBytes(1.5)).toBe("2 B");
    expect(humanBytes(1023)).toBe("1023 B");
    expect(humanBytes(1024)).toBe("1 KB");
    expect(humanBytes(1536)).toBe("1.5 KB");
    expect(humanBytes(1075)).toBe("1 KB");
    expect(humanBytes(1024 * 1024)).toBe("1 MB");
    expect(humanBytes(99.5 * 1024 * 1024)).toBe("99.5 MB");
    expect(humanBytes(100.4 * 1024 * 1024)).toBe("100 MB");
    expect(humanBytes(50 * 1024 ** 3)).toBe("50 GB");
    expect(humanBytes(2 * 1024 ** 4)).toBe("2 TB");
    expect(humanBytes(1024 ** 5)).toBe("1024 TB");
    expect(humanBytes(-2048)).toBe("-2 KB");
  });

  it("shows table cells for people: sizes by unit, times relative (and exact on request)", () => {
    expect(humanCell("quotaMegabytes", 51200, now)).toBe("50 GB");
    expect(humanCell("quotaMegabytes", 1.5, now)).toBe("1.5 MB");
    expect(humanCell("sizeBytes", 1536, now)).toBe("1.5 KB");
    expect(humanCell("bytes", 2048, now)).toBe("2 KB");
    // Only a name that ends in the unit is a size.
    expect(humanCell("bytesPerDay", 2048, now)).toBe("2048");
    expect(humanCell("mybytes", 2048, now)).toBe("2048");
    expect(humanCell("sizeBytesLimit", 2048, now)).toBe("2048");
    expect(humanCell("MegabytesUsed", 2048, now)).toBe("2048");
    expect(humanCell("count", 2048, now)).toBe("2048");
    // Not a finite number: as it is.
    expect(humanCell("sizeBytes", "2048", now)).toBe("2048");
    expect(humanCell("sizeBytes", Number.NaN, now)).toBe("NaN");
    expect(humanCell("sizeBytes", undefined, now)).toBe("");
    const at = new Date(now - 3 * HOUR);
    expect(humanCell("enabledDate", at, now)).toBe("3 hours ago");
    expect(humanCell("enabledDate", at, now, { exactTimes: true })).toBe("2026-12-04 09:00 UTC (3 hours ago)");
    expect(humanCell("enabledDate", new Date("nonsense"), now)).toBe("");
    expect(humanCell("aliases", ["a@x", "b@x"], now)).toBe("a@x, b@x");
    expect(shortDate(new Date("2026-12-04T10:40:59.999Z"))).toBe("2026-12-04 10:40 UTC");
  });
});

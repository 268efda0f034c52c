import { describe, expect, it } from "vitest";
import { testIO } from "../../../src/io/iostreams.js";
import { parseFieldList, FieldListError, type OutputFormat, type OutputSpec } from "../../../src/output/format.js";
import { Output } from "../../../src/output/output.js";
import { createStyle } from "../../../src/output/style.js";

const spec: OutputSpec = {
  fields: ["name", "email", "state", "enabledDate", "aliases"],
  columns: ["name", "email", "state"],
  list: true,
};
const rows = [
  {
    name: "alice",
    email: "alice@example.com",
    state: "ENABLED",
    enabledDate: new Date("2026-01-02T03:04:05Z"),
    aliases: ["a@example.com", "al@example.com"],
  },
  { name: "bob", email: undefined, state: "DISABLED", enabledDate: undefined, aliases: [] },
];

async function render(format: OutputFormat, options: { fields?: string[]; tty?: boolean; record?: boolean } = {}) {
  const io = testIO({ stdoutTTY: options.tty ?? false });
  const out = new Output(
    io.stdout,
    io.stderr,
    {
      format,
      fields: options.fields,
      quiet: false,
      style: createStyle(false),
      stderrStyle: createStyle(false),
      width: 120,
      progress: false,
    },
    spec,
  );
  await out.prepare();
  if (options.record) out.record(rows[0] as object);
  else for (const r of rows) out.row(r);
  await out.end();
  return io.stdoutText();
}

describe("Output", () => {
  it("prints an aligned table with an upper-case header", async () => {
    expect(await render("table", { tty: true })).toBe(
      "NAME   EMAIL              STATE\n" +
        "alice  alice@example.com  ENABLED\n" +
        "bob    -                  DISABLED\n",
    );
  });

  it("prints tab-separated rows without a header", async () => {
    expect(await render("tsv")).toBe("alice\talice@example.com\tENABLED\nbob\t\tDISABLED\n");
  });

  it("prints one JSON array of camelCase views with ISO dates", async () => {
    const parsed = JSON.parse(await render("json"));
    expect(parsed).toEqual([
      {
        name: "alice",
        email: "alice@example.com",
        state: "ENABLED",
        enabledDate: "2026-01-02T03:04:05.000Z",
        aliases: ["a@example.com", "al@example.com"],
      },
      { name: "bob", state: "DISABLED", aliases: [] },
    ]);
  });

  it("streams ndjson, one object per line", async () => {
    const lines = (await render("ndjson")).trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1] as string)).toEqual({ name: "bob", state: "DISABLED", aliases: [] });
  });

  it("writes CSV with a header and quotes what needs quoting", async () => {
    expect(await render("csv", { fields: ["name", "aliases"] })).toBe(
      'name,aliases\nalice,"a@example.com,al@example.com"\nbob,\n',
    );
  });

  it("picks and orders --fields in every format, null for missing in JSON", async () => {
    expect(await render("tsv", { fields: ["state", "name"] })).toBe("ENABLED\talice\nDISABLED\tbob\n");
    expect(JSON.parse(await render("json", { fields: ["email"] }))).toEqual([
      { email: "alice@example.com" },
      { email: null },
    ]);
  });

  it("prints a single record as labelled lines on a terminal and as an object in JSON", async () => {
    // The default columns, then every other declared field that is set (issue #11 item 11); times exact and relative.
    expect(await render("table", { tty: true, record: true })).toMatch(
      /^Name: {10}alice\nEmail: {9}alice@example\.com\nState: {9}ENABLED\nEnabled date: {2}2026-01-02 03:04 UTC \(\d+ (months?|years?) ago\)\nAliases: {7}a@example\.com, al@example\.com\n$/,
    );
    expect(await render("table", { tty: true, record: true, fields: ["name", "state"] })).toBe(
      "Name:   alice\nState:  ENABLED\n",
    );
    expect(JSON.parse(await render("json", { record: true }))).toMatchObject({ name: "alice" });
  });

  it("prints [] for an empty JSON list", async () => {
    const io = testIO();
    const out = new Output(
      io.stdout,
      io.stderr,
      {
        format: "json",
        fields: undefined,
        quiet: false,
        style: createStyle(false),
        stderrStyle: createStyle(false),
        width: 80,
        progress: false,
      },
      spec,
    );
    await out.end();
    expect(io.stdoutText()).toBe("[]\n");
  });
});

describe("--fields", () => {
  it("rejects unknown fields and lists the valid ones", () => {
    expect(() => parseFieldList("name,nope", spec)).toThrow(FieldListError);
    try {
      parseFieldList("name,nope", spec);
    } catch (e) {
      expect((e as FieldListError).message).toBe('unknown field "nope"');
      expect((e as FieldListError).validFields).toEqual(spec.fields);
    }
  });
  it("keeps the asked order and drops repeats", () => {
    expect(parseFieldList("state, name,state", spec)).toEqual(["state", "name"]);
  });
});

describe("Output after a failure", () => {
  it("prints no empty list, but closes a JSON array already started", async () => {
    const empty = testIO();
    const cfg = {
      format: "json" as const,
      fields: undefined,
      quiet: false,
      style: createStyle(false),
      stderrStyle: createStyle(false),
      width: 80,
      progress: false,
    };
    await new Output(empty.stdout, empty.stderr, cfg, spec).end({ failed: true });
    expect(empty.stdoutText()).toBe("");
    const started = testIO();
    const out = new Output(started.stdout, started.stderr, cfg, spec);
    out.row({ name: "alice" });
    await out.end({ failed: true });
    expect(JSON.parse(started.stdoutText())).toEqual([{ name: "alice" }]);
  });
});

import { describe, expect, it } from "vitest";
import { testIO } from "../../../src/io/iostreams.js";
import type { OutputFormat, OutputSpec, SortSpec } from "../../../src/output/format.js";
import { Output } from "../../../src/output/output.js";
import { createStyle } from "../../../src/output/style.js";

const spec: OutputSpec = {
  fields: ["name", "state", "size", "description", "aliases", "note"],
  columns: ["name", "state", "size"],
  list: true,
  empty: "no users",
};

function make(
  format: OutputFormat,
  options: {
    quiet?: boolean;
    fields?: string[];
    sort?: SortSpec;
    width?: number;
    spec?: OutputSpec | undefined;
    color?: boolean;
  } = {},
) {
  const io = testIO();
  const out = new Output(
    io.stdout,
    io.stderr,
    {
      format,
      fields: options.fields,
      quiet: options.quiet ?? false,
      style: createStyle(false),
      stderrStyle: createStyle(options.color ?? false),
      width: options.width ?? 200,
      progress: false,
      sort: options.sort,
    },
    "spec" in options ? options.spec : spec,
  );
  return { io, out };
}

describe("status, notes and warnings", () => {
  it("go to stderr, terminal-safe, with a mark for status and warnings", () => {
    const { io, out } = make("table");
    out.status("user alice created\n\tin m-1");
    out.info("note \u001b[2J");
    out.warn("careful");
    expect(io.stdoutText()).toBe("");
    expect(io.stderrText()).toBe("✓ user alice created\n\tin m-1\nnote \\x1b[2J\n! careful\n");
  });

  it("--quiet drops status lines and notes but keeps warnings", () => {
    const { io, out } = make("table", { quiet: true });
    out.status("user alice created");
    out.info("a note");
    out.warn("careful");
    expect(io.stderrText()).toBe("! careful\n");
  });

  it("colours the marks only when stderr has colour", () => {
    const { io, out } = make("table", { color: true });
    out.status("done");
    out.warn("careful");
    expect(io.stderrText()).toBe("\u001b[32m✓\u001b[39m done\n\u001b[33m!\u001b[39m careful\n");
  });
});

describe("--dry-run plans", () => {
  it("say what would change, one line each, leaving out empty details", async () => {
    const { io, out } = make("table");
    out.plan({
      action: "CreateUser",
      target: "alice",
      details: { role: "USER", note: "", gone: undefined, groups: [] },
    });
    out.plan({ action: "AddMember", target: "team\u001b[31m", details: { members: ["a", "b"] } });
    out.plan({ action: "DeleteUser", target: "bob" });
    await out.end();
    expect(io.stdoutText()).toBe(
      "would CreateUser alice  role=USER groups=(none)\n" +
        "would AddMember team\\x1b[31m  members=a,b\n" +
        "would DeleteUser bob\n",
    );
  });

  it("are one object in JSON and one line each in NDJSON", async () => {
    const json = make("json");
    json.out.plan({ action: "CreateUser", target: "alice", details: { role: "USER" } });
    json.out.plan({ action: "DeleteUser", target: "bob" });
    await json.out.end();
    expect(json.io.stdoutText()).toBe(
      JSON.stringify(
        {
          dryRun: true,
          changes: [
            { action: "CreateUser", target: "alice", details: { role: "USER" } },
            { action: "DeleteUser", target: "bob" },
          ],
        },
        null,
        2,
      ) + "\n",
    );
    const nd = make("ndjson");
    nd.out.plan({ action: "CreateUser", target: "alice", details: { role: "USER" } });
    nd.out.plan({ action: "DeleteUser", target: "bob" });
    await nd.out.end();
    expect(nd.io.stdoutText()).toBe(
      '{"dryRun":true,"action":"CreateUser","target":"alice","details":{"role":"USER"}}\n' +
        '{"dryRun":true,"action":"DeleteUser","target":"bob"}\n',
    );
  });
});

describe("raw text", () => {
  it("ends with exactly one line break, and an empty text prints nothing", async () => {
    const { io, out } = make("table");
    out.text("zone a");
    out.text("zone b\n");
    out.text("");
    out.text("\nzone c");
    await out.end();
    expect(io.stdoutText()).toBe("zone a\nzone b\n\nzone c\n");
    // Text stands for the result: no "no users" note under it.
    expect(io.stderrText()).toBe("");
  });
});

describe("an empty list", () => {
  it("is said on stderr under a table, in the command's words or generic ones", async () => {
    const a = make("table");
    await a.out.end();
    expect(a.io.stdoutText()).toBe("");
    expect(a.io.stderrText()).toBe("no users\n");
    const b = make("table", { spec: { ...spec, empty: undefined } });
    await b.out.end();
    expect(b.io.stderrText()).toBe("nothing to list\n");
  });

  it("is a header alone in CSV, nothing in TSV and NDJSON", async () => {
    const csv = make("csv");
    await csv.out.prepare();
    await csv.out.end();
    expect(csv.io.stdoutText()).toBe("name,state,size\n");
    for (const f of ["tsv", "ndjson"] as const) {
      const o = make(f);
      await o.out.prepare();
      await o.out.end();
      expect(o.io.stdoutText()).toBe("");
      expect(o.io.stderrText()).toBe("");
    }
  });

  it("is not printed for a command that prints no list, nor after a failure", async () => {
    for (const f of ["table", "json", "csv"] as const) {
      const o = make(f, { spec: { ...spec, list: false } });
      await o.out.prepare();
      await o.out.end();
      const none = make(f, { spec: undefined });
      await none.out.prepare();
      await none.out.end();
      const failed = make(f);
      await failed.out.prepare();
      await failed.out.end({ failed: true });
      for (const x of [o, none, failed]) expect(x.io.stdoutText() + x.io.stderrText()).toBe("");
    }
  });
});

describe("lists", () => {
  const rows = [
    { name: "carol", state: "ENABLED", size: 10 },
    { name: "alice", state: "DISABLED", size: 9 },
    { name: "bob", state: "ENABLED", size: undefined },
  ];

  it("are sorted by --sort in every format, empty cells last", async () => {
    const tsv = make("tsv", { sort: { field: "size", descending: false } });
    for (const r of rows) tsv.out.row(r);
    expect(tsv.io.stdoutText()).toBe("");
    expect(tsv.out.count).toBe(3);
    await tsv.out.end();
    expect(tsv.io.stdoutText()).toBe("alice\tDISABLED\t9\ncarol\tENABLED\t10\nbob\tENABLED\t\n");
    expect(tsv.out.count).toBe(3);
    const json = make("json", { sort: { field: "name", descending: true } });
    for (const r of rows) json.out.row(r);
    await json.out.end();
    expect(JSON.parse(json.io.stdoutText()).map((r: { name: string }) => r.name)).toEqual(["carol", "bob", "alice"]);
  });

  it("stream as they come without --sort, and count what was written", async () => {
    const { io, out } = make("ndjson");
    expect(out.count).toBe(0);
    out.row(rows[0] as object);
    expect(io.stdoutText()).toBe('{"name":"carol","state":"ENABLED","size":10}\n');
    out.row(rows[1] as object);
    expect(out.count).toBe(2);
  });

  it("are an indented JSON array", async () => {
    const { io, out } = make("json", { fields: ["name"] });
    out.row(rows[0] as object);
    out.row(rows[1] as object);
    await out.end();
    expect(io.stdoutText()).toBe('[\n  {\n    "name": "carol"\n  },\n  {\n    "name": "alice"\n  }\n]\n');
  });

  it("keep tabs and line breaks out of TSV cells and escape control characters", () => {
    const { io, out } = make("tsv", { fields: ["name", "description"] });
    out.row({ name: "a\tb", description: "line 1\r\nline 2\u001b[31m" });
    expect(io.stdoutText()).toBe("a b\tline 1  line 2\\x1b[31m\n");
  });

  it("hand every row to an observer, sorted or not", () => {
    const seen: unknown[] = [];
    const { out } = make("tsv", { sort: { field: "name", descending: false } });
    out.observeRows((r) => seen.push(r.name));
    for (const r of rows) out.row(r);
    expect(seen).toEqual(["carol", "alice", "bob"]);
  });

  it("show the columns a mode asks for, unless --fields says otherwise", async () => {
    const a = make("tsv");
    a.out.useColumns(["name", "note"]);
    expect(a.out.wants(["note"])).toBe(true);
    expect(a.out.wants(["size"])).toBe(false);
    a.out.row({ name: "alice", note: "x", size: 1 });
    expect(a.io.stdoutText()).toBe("alice\tx\n");
    const b = make("tsv", { fields: ["size"] });
    b.out.useColumns(["name", "note"]);
    expect(b.out.wants(["note", "description"])).toBe(false);
    expect(b.out.wants(["description", "size"])).toBe(true);
    b.out.row({ name: "alice", note: "x", size: 1 });
    expect(b.io.stdoutText()).toBe("1\n");
    const c = make("tsv", { spec: undefined });
    expect(c.out.wants(["name"])).toBe(false);
    c.out.row({ name: "alice" });
    expect(c.io.stdoutText()).toBe("\n");
  });

  it("say on stderr which columns a narrow terminal left out", async () => {
    const wide = { name: "alice", state: "ENABLED", description: "a rather long description of this user", note: "n" };
    const one = make("table", { width: 20, fields: ["name", "description", "note"] });
    one.out.row(wide);
    await one.out.end();
    expect(one.io.stdoutText()).not.toContain("NOTE");
    expect(one.io.stdoutText()).toContain("DESCRIPTION");
    expect(one.io.stderrText()).toBe("(column note left out to fit 20 columns: --wide or --fields shows it)\n");
    const two = make("table", { width: 16, fields: ["name", "description", "note"] });
    two.out.row(wide);
    await two.out.end();
    expect(two.io.stderrText()).toBe(
      "(columns description, note left out to fit 16 columns: --wide or --fields shows them)\n",
    );
    const quiet = make("table", { width: 16, quiet: true, fields: ["name", "description", "note"] });
    quiet.out.row(wide);
    await quiet.out.end();
    expect(quiet.io.stderrText()).toBe("");
  });
});

describe("a single record", () => {
  it("on a terminal adds every declared field that is set, and only those", async () => {
    const { io, out } = make("table");
    out.record({ name: "alice", state: "ENABLED", size: 3, description: "", aliases: [] });
    await out.end();
    expect(io.stdoutText()).toBe("Name:   alice\nState:  ENABLED\nSize:   3\n");
    const nulls = make("table");
    nulls.out.record({ name: "alice", state: "ENABLED", size: 3, description: null, note: undefined });
    await nulls.out.end();
    expect(nulls.io.stdoutText()).toBe("Name:   alice\nState:  ENABLED\nSize:   3\n");
    const more = make("table");
    more.out.record({ name: "alice", state: "ENABLED", size: 3, description: "d", aliases: ["a@x"], note: 0 });
    await more.out.end();
    expect(more.io.stdoutText()).toBe(
      "Name:         alice\nState:        ENABLED\nSize:         3\nDescription:  d\nAliases:      a@x\nNote:         0\n",
    );
  });

  it("without a spec shows nothing but its (no) columns", async () => {
    const { io, out } = make("table", { spec: undefined });
    out.record({ name: "alice" });
    await out.end();
    expect(io.stdoutText()).toBe("\n");
  });

  it("is one line in TSV, CSV and NDJSON, and an object in JSON", async () => {
    const r = { name: "alice", state: "ENABLED", size: 3 };
    const tsv = make("tsv");
    tsv.out.record(r);
    await tsv.out.end();
    expect(tsv.io.stdoutText()).toBe("alice\tENABLED\t3\n");
    const csv = make("csv");
    await csv.out.prepare();
    await csv.out.prepare();
    csv.out.record(r);
    await csv.out.end();
    expect(csv.io.stdoutText()).toBe("name,state,size\nalice,ENABLED,3\n");
    const nd = make("ndjson");
    nd.out.record(r);
    await nd.out.end();
    expect(nd.io.stdoutText()).toBe('{"name":"alice","state":"ENABLED","size":3}\n');
    const json = make("json");
    json.out.record(r);
    await json.out.end();
    expect(json.io.stdoutText()).toBe('{\n  "name": "alice",\n  "state": "ENABLED",\n  "size": 3\n}\n');
  });
});

describe("formats", () => {
  it("know which are JSON", () => {
    expect((["table", "tsv", "json", "ndjson", "csv"] as const).map((f) => make(f).out.isJson)).toEqual([
      false,
      false,
      true,
      true,
      false,
    ]);
    expect(make("csv").out.format).toBe("csv");
  });

  it("CSV needs prepare() first", () => {
    const { out } = make("csv");
    expect(() => out.row({ name: "alice" })).toThrow("Output.prepare() was not called before CSV output");
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { displayWidth } from "../../src/output/table-layout.js";
import { CliHarness } from "../helpers/run-cli.js";

let cli: CliHarness;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
  await cli.ok("domain add example.com");
});
afterEach(() => cli.cleanup());

const widest = (text: string) => Math.max(...text.trimEnd().split("\n").map(displayWidth));

/** The values of a column, read back by its position under the header (wrapped lines joined). */
function column(table: string, header: string, next?: string): string {
  const [head = "", ...lines] = table.trimEnd().split("\n");
  const from = head.indexOf(header);
  const to = next === undefined ? undefined : head.indexOf(next);
  return lines.map((l) => l.slice(from, to).trim()).join("");
}

describe("tables fit the terminal without cutting what people copy (issue #11 item 9)", () => {
  it("domain records at 80 columns: every name and value whole, the other columns left out with a note", async () => {
    const records = await cli.json<Array<{ name: string; value: string }>>("domain records example.com");
    const r = await cli.ok("domain records example.com", { tty: true, columns: 80 });
    expect(widest(r.stdout)).toBeLessThanOrEqual(80);
    expect(r.stdout).not.toContain("…");
    expect(column(r.stdout, "NAME", "VALUE")).toBe(records.map((x) => x.name).join(""));
    expect(column(r.stdout, "VALUE")).toBe(records.map((x) => x.value).join(""));
    expect(r.stderr).toBe("(columns purpose, type left out to fit 80 columns: --wide or --fields shows them)\n");
  });

  it("honours COLUMNS, and --wide prints the table as wide as it is", async () => {
    const narrow = await cli.ok("domain records example.com", { tty: true, columns: 200, env: { COLUMNS: "90" } });
    expect(widest(narrow.stdout)).toBeLessThanOrEqual(90);
    const wide = await cli.ok("domain records example.com --wide", { tty: true, columns: 80 });
    expect(widest(wide.stdout)).toBeGreaterThan(80);
    expect(wide.stdout).toMatch(/^PURPOSE +TYPE +NAME +VALUE$/m);
    expect(wide.stderr).toBe("");
  });

  it("-o table into a pipe or a file is not cut to 80 columns", async () => {
    const piped = await cli.ok("domain records example.com -o table", { columns: 80 });
    expect(widest(piped.stdout)).toBeGreaterThan(80);
    expect(piped.stdout).toMatch(/^PURPOSE +TYPE +NAME +VALUE$/m);
  });
});

describe("tables for people (issue #11 item 11)", () => {
  it("user describe on a terminal shows every set attribute, and times exact and relative", async () => {
    await cli.ok("user create bob --generate-password");
    await cli.ok("user update bob --job-title Lead --department Sales --city Paris --telephone '+33 1 23'");
    const r = await cli.ok("user describe bob", { tty: true });
    for (const line of [/^Job title: +Lead$/m, /^Department: +Sales$/m, /^City: +Paris$/m, /^Telephone: +\+33 1 23$/m])
      expect(r.stdout).toMatch(line);
    expect(r.stdout).toMatch(/^Enabled date: +\d{4}-\d\d-\d\d \d\d:\d\d UTC \(just now\)$/m);
    expect(r.stdout).not.toMatch(/^Office:/m);
    // Scripts keep the exact values.
    expect((await cli.ok("user describe bob --fields enabledDate")).stdout).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z\n$/,
    );
  });

  it("an empty list on a terminal says so on stderr; piped, it prints nothing", async () => {
    const tty = await cli.ok("user list", { tty: true });
    expect(tty.stdout).toBe("");
    expect(tty.stderr).toBe("no users\n");
    const piped = await cli.ok("user list");
    expect(piped.stdout + piped.stderr).toBe("");
    expect((await cli.ok("export list", { tty: true })).stderr).toBe("no export jobs\n");
  });
});

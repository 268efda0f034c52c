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

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors/cli-error.js";
import { prepareOutDir, writePlanFolder, type PlanFile } from "../../../src/migrate/plan/plan-folder.js";

let base: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), "wmctl-plan-folder-"));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const files = (tag: string): PlanFile[] => [
  { path: "mapping.csv", text: `${tag}\n`, mode: 0o600 },
  { path: "zones/example.com.zone", text: `; ${tag}\n`, mode: 0o644 },
  { path: "provision.ps1", text: "Write-Host 'Zoë'\n", mode: 0o600, bom: true },
];
const planJson = (names: string[]) => JSON.stringify({ format: "wmctl-migration-plan", files: names });

describe("the plan folder", () => {
  it("writes a new folder with modes and a BOM where asked, then replaces it whole on the next plan", async () => {
    const out = join(base, "plan");
    await writePlanFolder(out, await prepareOutDir(out, false), files("one"), planJson);
    expect(readdirSync(out).sort()).toEqual(["mapping.csv", "plan.json", "provision.ps1", "zones"]);
    expect(statSync(join(out, "mapping.csv")).mode & 0o777).toBe(0o600);
    expect(statSync(join(out, "zones", "example.com.zone")).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(out, "provision.ps1")).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    const state = await prepareOutDir(out, false);
    expect(state.kind).toBe("previous-plan");
    await writePlanFolder(out, state, files("two").slice(0, 1), planJson);
    expect(readdirSync(out).sort()).toEqual(["mapping.csv", "plan.json"]);
    expect(readFileSync(join(out, "mapping.csv"), "utf8")).toBe("two\n");
    expect(readdirSync(base)).toEqual(["plan"]);
  });

  it("a failure while writing leaves the previous plan untouched and no temporary folder", async () => {
    const out = join(base, "plan");
    await writePlanFolder(out, await prepareOutDir(out, false), files("one"), planJson);
    const broken: PlanFile[] = [
      ...files("two"),
      { path: "zones", text: "a file where the zones folder is", mode: 0o600 },
    ];
    await expect(writePlanFolder(out, await prepareOutDir(out, false), broken, planJson)).rejects.toThrow();
    expect(readFileSync(join(out, "mapping.csv"), "utf8")).toBe("one\n");
    expect(readdirSync(base)).toEqual(["plan"]);
  });

  it("refuses a folder with other content unless forced, and then keeps that content", async () => {
    const out = join(base, "busy");
    mkdirSync(out);
    writeFileSync(join(out, "notes.txt"), "mine");
    await expect(prepareOutDir(out, false)).rejects.toBeInstanceOf(UsageError);
    await writePlanFolder(out, await prepareOutDir(out, true), files("forced"), planJson);
    expect(readdirSync(out).sort()).toEqual(["mapping.csv", "notes.txt", "plan.json", "provision.ps1", "zones"]);
    // A plan folder someone added files to is not replaced whole either; --force rewrites the plan's files only.
    await expect(prepareOutDir(out, false)).rejects.toThrow(/holds a previous plan and other files \(notes\.txt\)/);
    await writePlanFolder(out, await prepareOutDir(out, true), files("again").slice(0, 1), planJson);
    expect(readdirSync(out).sort()).toEqual(["mapping.csv", "notes.txt", "plan.json", "zones"]);
    expect(readdirSync(join(out, "zones"))).toEqual([]);
    writeFileSync(join(base, "file"), "x");
    await expect(prepareOutDir(join(base, "file"), false)).rejects.toThrow(/is a file, not a folder/);
  });
});

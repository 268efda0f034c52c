import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainMap } from "../../src/inventory/domain-map.js";
import { passwordProblem } from "../../src/local-backend/operations/entities.js";
import { comparableInventory, readInventoryJson } from "../helpers/inventory-compare.js";
import { CliHarness } from "../helpers/run-cli.js";
import { seedOrganization, type SeededOrg } from "../helpers/seed-org.js";

// The exit kit's promise, tested as an admin would run it: an inventory of a real-sized
// organization, restored into an empty one, inventoried again, gives the same content
// (modulo ids, dates, the alias and the test domain).
let cli: CliHarness;
let seeded: SeededOrg;
const dir = (name: string) => join(cli.home, name);

beforeAll(async () => {
  cli = new CliHarness();
  seeded = await seedOrganization(cli.home, "acme", { users: 300 });
}, 120_000);
afterAll(() => cli.cleanup());

/** The steps wmctl's core areas run (policy areas add theirs between mailbox-permissions and states). */

interface StepRow {
  step: string;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

describe("org inventory -> org restore -> org inventory", () => {
  it("re-creates the whole organization in an empty one, and a second restore changes nothing", async () => {
    const taken = await cli.ok(["--org", "acme", "org", "inventory", "--out", dir("acme")]);
    expect(taken.stderr).toContain(`Inventory of acme written to ${dir("acme")}: inventory.json and`);
    const source = readInventoryJson(dir("acme"));
    expect(source.areas.users).toHaveLength(seeded.users);
    expect(source.areas.groups).toHaveLength(seeded.groups);
    expect(source.areas.resources).toHaveLength(seeded.resources);

    await cli.ok("org create rehearsal");
    const restored = await cli.run([
      "--org",
      "rehearsal",
      "org",
      "restore",
      "--from",
      dir("acme"),
      "--passwords-out",
      dir("pw.csv"),
      "-o",
      "json",
    ]);
    expect(restored.stderr).not.toMatch(/^! /m);
    expect(restored.code).toBe(0);
    const steps = JSON.parse(restored.stdout) as StepRow[];
    const byStep = Object.fromEntries(steps.map((s) => [s.step, s]));
    expect(steps.map((s) => s.step).slice(0, 8)).toEqual([
      "domains",
      "organization",
      "users",
      "groups",
      "group-members",
      "resources",
      "resource-delegates",
      "aliases",
    ]);
    expect(steps.at(-1)?.step).toBe("states");
    expect(byStep.users).toMatchObject({ created: seeded.users, failed: 0 });
    expect(byStep.groups).toMatchObject({ created: seeded.groups, failed: 0 });
    expect(byStep.resources).toMatchObject({ created: seeded.resources, failed: 0 });
    expect(byStep.aliases).toMatchObject({ created: seeded.aliases, failed: 0 });
    expect(steps.reduce((n, s) => n + s.failed, 0)).toBe(0);

    await cli.ok(["--org", "rehearsal", "org", "inventory", "--out", dir("rehearsal")]);
    const target = readInventoryJson(dir("rehearsal"));
    const map = DomainMap.parse(["acme.awsapps.com=rehearsal.awsapps.com"]);
    expect(comparableInventory(target, DomainMap.none, "rehearsal.awsapps.com")).toEqual(
      comparableInventory(source, map, "rehearsal.awsapps.com"),
    );
    expect(target.areas.users?.find((u) => u.name === "user0000")?.email).toBe("user0000@rehearsal.awsapps.com");

    // Idempotent: the second run finds everything in place, policy areas included.
    const again = await cli.run(["--org", "rehearsal", "org", "restore", "--from", dir("acme"), "--yes", "-o", "json"]);
    expect(again.code).toBe(0);
    for (const s of JSON.parse(again.stdout) as StepRow[])
      expect(s, s.step).toMatchObject({ created: 0, updated: 0, failed: 0 });
  }, 120_000);

  it("wrote the new users' passwords to a private file, and no password anywhere else", () => {
    const text = readFileSync(dir("pw.csv"), "utf8");
    expect(statSync(dir("pw.csv")).mode & 0o777).toBe(0o600);
    const rows = text.trimEnd().split("\n");
    expect(rows[0]).toBe("name,email,password");
    const remote = Array.from({ length: seeded.users }, (_, i) => i).filter((i) => i % 30 === 29).length;
    expect(rows).toHaveLength(1 + seeded.users - remote);
    const [name, email, password] = (rows.find((r) => r.startsWith("user0000,")) ?? "").split(",");
    expect([name, email]).toEqual(["user0000", "user0000@rehearsal.awsapps.com"]);
    expect(passwordProblem(password ?? "")).toBeUndefined();
    expect(readFileSync(join(dir("rehearsal"), "inventory.json"), "utf8")).not.toContain(password);
  });
});

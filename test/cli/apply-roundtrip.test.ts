import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryDocument } from "../../src/inventory/document.js";
import { DomainMap } from "../../src/inventory/domain-map.js";
import { comparableInventory } from "../helpers/inventory-compare.js";
import { CliHarness } from "../helpers/run-cli.js";
import { seedOrganization } from "../helpers/seed-org.js";

// apply on a real-shaped organization (nested groups, hidden and disabled entities, remote users,
// users never enabled, delegates, booking options, aliases, policies): its own inventory is a
// document with nothing to do, even with --prune, and the document applied to an empty
// organization gives the same inventory back.
let cli: CliHarness;
let file: string;
beforeAll(async () => {
  cli = new CliHarness();
  await seedOrganization(cli.home, "acme", { users: 120 });
  for (const line of [
    "access-rule put corp-only --effect deny --not-ip 10.0.0.0/8 --not-protocol ActiveSync --yes",
    "mobile-rule create BlockAllAndroid --effect deny --device-type android",
    "impersonation-role create archiver --type read-only --allow-all --deny user0001@acme.awsapps.com",
    "retention set --folder inbox=delete:365 --folder junk-email=permanently-delete:30 --yes",
    "tag add cost-center=1234 env=prod",
  ])
    await cli.ok(`--org acme ${line}`);
  file = join(cli.home, "acme.json");
  writeFileSync(file, (await cli.ok("--org acme org inventory -o json")).stdout);
}, 120_000);
afterAll(() => cli.cleanup());

describe("apply on a seeded organization", () => {
  it("its own inventory plans nothing, even with --prune", async () => {
    const r = await cli.run(["--org", "acme", "apply", "-f", file, "--plan", "--prune", "--detailed-exitcode"]);
    expect(r.stderr).toBe("No changes: acme matches the document\n");
    expect(r.code).toBe(0);
  });

  it("builds an empty organization from it, after which plan and prune find nothing", async () => {
    await cli.ok("org create copy");
    const r = await cli.run(["--org", "copy", "apply", "-f", file, "--prune", "--yes", "-o", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const changes = JSON.parse(r.stdout) as Array<{ action: string; result: string }>;
    expect(changes.filter((c) => c.result !== "done")).toEqual([]);
    const copy = JSON.parse((await cli.ok("--org copy org inventory -o json")).stdout) as InventoryDocument;
    const source = JSON.parse((await cli.ok("--org acme org inventory -o json")).stdout) as InventoryDocument;
    const map = DomainMap.parse(["acme.awsapps.com=copy.awsapps.com"]);
    expect(comparableInventory(copy, DomainMap.none, "copy.awsapps.com")).toEqual(
      comparableInventory(source, map, "copy.awsapps.com"),
    );
    const again = await cli.run(["--org", "copy", "apply", "-f", file, "--plan", "--prune", "--detailed-exitcode"]);
    expect(again.stderr).toBe(
      "Addresses on acme.awsapps.com become addresses on copy.awsapps.com\nNo changes: copy matches the document\n",
    );
    expect(again.code).toBe(0);
  });
});

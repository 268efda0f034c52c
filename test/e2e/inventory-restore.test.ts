import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DomainMap } from "../../src/inventory/domain-map.js";
import { comparableInventory, readInventoryJson } from "../helpers/inventory-compare.js";
import { spawnCli } from "../helpers/spawn-cli.js";

const home = mkdtempSync(join(tmpdir(), "wmctl-e2e-inventory-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { WMCTL_HOME: home };
const wmctl = (...args: string[]) => spawnCli(args, { env });
const ok = async (...args: string[]) => {
  const r = await wmctl(...args);
  if (r.code !== 0) throw new Error(`wmctl ${args.join(" ")} exited ${r.code}\n${r.stderr}`);
  return r;
};

describe("the exit kit through the built wmctl binary", () => {
  it("inventories an organization, rehearses the migration into another, and gets the same content back", async () => {
    await ok("org", "create", "e2einv");
    await ok(
      "user",
      "create",
      "alice",
      "--generate-password",
      "--first-name",
      "Alice",
      "--last-name",
      "Doe",
      "--alias",
      "ali",
    );
    await ok("user", "create", "bob", "--generate-password", "--hidden");
    await ok("user", "update", "bob", "--job-title", "Field engineer", "--city", "Zürich");
    await ok("user", "create", "partner", "--role", "REMOTE_USER");
    await ok("group", "create", "engineering", "--member", "bob");
    await ok("group", "create", "All Staff", "--member", "engineering,alice");
    await ok(
      "resource",
      "create",
      "van-1",
      "--type",
      "equipment",
      "--no-auto-accept",
      "--delegate",
      "engineering",
      "--description",
      "the blue van",
    );
    const src = join(home, "e2einv-inventory");
    const inv = await ok("--org", "e2einv", "org", "inventory", "--out", src);
    expect(inv.stdout).toMatch(/^users\tok\t3\t$/m);
    expect(statSync(join(src, "users.csv")).mode & 0o777).toBe(0o600);

    await ok("org", "create", "e2erehearsal");
    const plan = await ok("--org", "e2erehearsal", "org", "restore", "--from", src, "--dry-run");
    expect(plan.stdout).toContain(
      "would CreateUser alice  displayName=Alice Doe role=USER firstName=Alice lastName=Doe password=(hidden)\n",
    );
    const pw = join(home, "passwords.csv");
    const restored = await wmctl(
      "--org",
      "e2erehearsal",
      "org",
      "restore",
      "--from",
      src,
      "--passwords-out",
      pw,
      "--details",
      "-o",
      "json",
    );
    expect(restored.code, restored.stderr).toBe(0);
    const actions = JSON.parse(restored.stdout) as Array<{ step: string; target: string; result: string }>;
    expect(actions).toContainEqual(
      expect.objectContaining({ step: "group-members", target: "All Staff <- engineering", result: "created" }),
    );
    expect(actions.filter((a) => a.result === "failed")).toEqual([]);
    expect(statSync(pw).mode & 0o777).toBe(0o600);

    const dst = join(home, "e2erehearsal-inventory");
    await ok("--org", "e2erehearsal", "org", "inventory", "--out", dst);
    const map = DomainMap.parse(["e2einv.awsapps.com=e2erehearsal.awsapps.com"]);
    expect(comparableInventory(readInventoryJson(dst), DomainMap.none, "e2erehearsal.awsapps.com")).toEqual(
      comparableInventory(readInventoryJson(src), map, "e2erehearsal.awsapps.com"),
    );

    const again = await wmctl("--org", "e2erehearsal", "org", "restore", "--from", src, "--yes");
    expect(again.code, again.stderr).toBe(0);
    const core =
      /^(domains|organization|users|groups|group-members|resources|resource-delegates|aliases|mailboxes|mailbox-permissions|states)\t/;
    const coreLines = again.stdout
      .trimEnd()
      .split("\n")
      .filter((l) => core.test(l));
    expect(coreLines).toHaveLength(11);
    for (const line of coreLines) expect(line).toMatch(/^[a-z-]+\t0\t0\t\d+\t0$/);
  }, 120_000);

  it("exits 6 naming the unverified domain, and 2 for a folder that holds no inventory", async () => {
    await ok("org", "create", "e2eempty");
    await ok("org", "create", "e2eempty2");
    const dir = join(home, "e2eempty-inventory");
    await ok("--org", "e2eempty", "org", "inventory", "--out", dir);
    const path = join(dir, "inventory.json");
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace(
        '"defaultMailDomain": "e2eempty.awsapps.com"',
        '"defaultMailDomain": "example.com"',
      ),
    );
    const blocked = await wmctl("--org", "e2eempty2", "org", "restore", "--from", dir);
    expect(blocked.code).toBe(6);
    expect(blocked.stderr).toContain(
      "error: 1 domain of the inventory cannot carry addresses in e2eempty2: example.com\n",
    );
    expect(blocked.stderr).toContain("--map-domain example.com=e2eempty2.awsapps.com\n");

    const notInventory = await wmctl("--org", "e2eempty", "org", "restore", "--from", home);
    expect(notInventory.code).toBe(2);
    expect(notInventory.stderr).toContain(`error: there is no inventory.json in ${home}`);
    expect(notInventory.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DomainMap } from "../../src/inventory/domain-map.js";
import { comparableInventory, readInventoryJson } from "../helpers/inventory-compare.js";
import { seedOrganization } from "../helpers/seed-org.js";
import { BIN, spawnCli } from "../helpers/spawn-cli.js";

// Issue #10 item 8: `org restore` killed with SIGKILL half-way, then re-run, reaches the
// inventory's state (disabled users included), and the passwords file has every user it created.
const home = mkdtempSync(join(tmpdir(), "wmctl-e2e-crash-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { WMCTL_HOME: home };
const ok = async (...args: string[]) => {
  const r = await spawnCli(args, { env, timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`wmctl ${args.join(" ")} exited ${r.code}\n${r.stderr}`);
  return r;
};

/** Starts `wmctl args` and SIGKILLs it once `ready()` holds; resolves with the signal (null: it finished first). */
function killWhen(args: readonly string[], ready: () => boolean): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", ...env },
      stdio: "ignore",
    });
    const timer = setInterval(() => {
      if (ready()) child.kill("SIGKILL");
    }, 5);
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      clearInterval(timer);
      resolve(signal);
    });
  });
}

const lines = (path: string) =>
  existsSync(path)
    ? readFileSync(path, "utf8")
        .split("\n")
        .filter((l) => l !== "")
    : [];

describe("org restore after kill -9", () => {
  it("a re-run converges to the inventory, and the passwords file holds every created user", async () => {
    await seedOrganization(home, "acme", { users: 200 });
    const src = join(home, "acme-inventory");
    await ok("--org", "acme", "org", "inventory", "--out", src);
    await ok("org", "create", "rehearsal");
    const pw = join(home, "pw.csv");
    const restore = ["--org", "rehearsal", "org", "restore", "--from", src, "--passwords-out", pw, "--yes"];

    // Killed once some users exist: the users step is under way.
    const signal = await killWhen(restore, () => lines(pw).length > 40);
    expect(signal).toBe("SIGKILL");
    const before = lines(pw).length - 1;
    expect(before).toBeGreaterThanOrEqual(40);
    // A line is written just before its CreateUser, at most --concurrency (8) ahead of the creates.
    const existing = new Set(
      (
        JSON.parse((await ok("--org", "rehearsal", "user", "list", "-o", "json")).stdout) as Array<{ name: string }>
      ).map((u) => u.name),
    );
    const ahead = lines(pw)
      .slice(1)
      .map((l) => l.split(",")[0] ?? "")
      .filter((n) => !existing.has(n));
    expect(ahead.length).toBeLessThanOrEqual(8);

    const again = await spawnCli(restore, { env, timeoutMs: 120_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/✓ Appended the passwords of \d+ new users to /);

    const dst = join(home, "rehearsal-inventory");
    await ok("--org", "rehearsal", "org", "inventory", "--out", dst);
    const source = readInventoryJson(src);
    const map = DomainMap.parse(["acme.awsapps.com=rehearsal.awsapps.com"]);
    expect(comparableInventory(readInventoryJson(dst), DomainMap.none, "rehearsal.awsapps.com")).toEqual(
      comparableInventory(source, map, "rehearsal.awsapps.com"),
    );
    // Users the inventory has disabled are disabled, whichever run created them.
    const disabled = (source.areas.users ?? []).filter((u) => u.state === "DISABLED").map((u) => u.name);
    expect(disabled.length).toBeGreaterThan(5);
    const target = readInventoryJson(dst).areas.users ?? [];
    for (const name of disabled) expect(target.find((u) => u.name === name)?.state, name).toBe("DISABLED");

    // Every user with a mailbox password (role USER) has a line; none is lost to the kill.
    const rows = lines(pw);
    expect(rows[0]).toBe("name,email,password");
    const named = new Set(rows.slice(1).map((l) => l.split(",")[0]));
    const created = (source.areas.users ?? []).filter((u) => u.role === "USER").map((u) => u.name);
    expect([...named].sort()).toEqual(created.sort());
  }, 180_000);
});

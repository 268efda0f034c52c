import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { servedClientEnv, startServe, type ServedProcess } from "../helpers/serve-process.js";
import { BIN, spawnCli } from "../helpers/spawn-cli.js";

/**
 * `wmctl bulk` against a spawned `wmctl local serve` with fault injection, through the real AWS SDK
 * (--endpoint-url): throttling at 20 requests/s, and kill -9 in the middle of a run.
 */
let serverHome: string;
let clientHome: string;
let served: ServedProcess;
let env: Record<string, string>;

beforeEach(async () => {
  serverHome = mkdtempSync(join(tmpdir(), "wmctl-e2e-bulk-server-"));
  clientHome = mkdtempSync(join(tmpdir(), "wmctl-e2e-bulk-client-"));
  served = await startServe({ WMCTL_HOME: serverHome });
  env = await servedClientEnv(serverHome, clientHome);
  expect((await wmctl(["org", "create", "acme"])).code).toBe(0);
  expect((await wmctl(["group", "create", "staff"])).code).toBe(0);
}, 30_000);

afterEach(async () => {
  if (served.child.exitCode === null) await served.stop();
  rmSync(serverHome, { recursive: true, force: true });
  rmSync(clientHome, { recursive: true, force: true });
});

const wmctl = (args: readonly string[], options: { timeoutMs?: number } = {}) =>
  spawnCli(["--endpoint-url", served.endpoint, ...args], { env, ...options });

function usersCsv(count: number, withGroup: boolean): string {
  const path = join(clientHome, "users.csv");
  const lines = [withGroup ? "name,password,aliases,groups" : "name,password"];
  for (let i = 0; i < count; i++)
    lines.push(withGroup ? `u${i},Passw0rd!${i},u${i}.alias,staff` : `u${i},Passw0rd!${i}`);
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

/** The served store's table sizes (local status): what is really there, whatever a report says. */
async function tables(): Promise<Record<string, number>> {
  const r = await wmctl(["local", "status", "-o", "json"]);
  return (JSON.parse(r.stdout) as { tables: Record<string, number> }).tables;
}

describe("bulk create against the served simulator", () => {
  it("throttled at 20 requests/s: 500 user rows, 0 failed, none lost", async () => {
    expect((await wmctl(["local", "faults", "--throttle", "20"])).code).toBe(0);
    const from = usersCsv(500, false);
    const report = join(clientHome, "report.csv");
    const r = await wmctl(["bulk", "create", "--from", from, "--report", report, "--concurrency", "16"], {
      timeoutMs: 300_000,
    });
    expect({ code: r.code, stderr: r.code === 0 ? "" : r.stderr }).toEqual({ code: 0, stderr: "" });
    expect(r.stderr).toContain("500 rows: 500 create");
    const outcomes = readFileSync(report, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(",")[3]);
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(500);
    const users = JSON.parse((await wmctl(["user", "list", "--json"])).stdout) as Array<{
      name: string;
      state: string;
    }>;
    expect(new Set(users.map((u) => u.name)).size).toBe(500);
    expect(users.every((u) => u.state === "ENABLED")).toBe(true);
  }, 320_000);

  it("kill -9 in the middle, then the same command: every row done exactly once", async () => {
    const count = 300;
    const from = usersCsv(count, true);
    const report = join(clientHome, "report.csv");
    const args = [
      "--endpoint-url",
      served.endpoint,
      "bulk",
      "create",
      "--from",
      from,
      "--report",
      report,
      "--concurrency",
      "8",
    ];
    // A latency per request keeps the run going long enough to be killed in the middle.
    expect((await wmctl(["local", "faults", "--latency", "5"])).code).toBe(0);
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", AWS_EC2_METADATA_DISABLED: "true", ...env },
      stdio: "ignore",
    });
    const ledger = `${report}.ledger.jsonl`;
    // Kill once about a third of the rows are done.
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 100));
      let done = 0;
      try {
        done = readFileSync(ledger, "utf8")
          .split("\n")
          .filter((l) => l.startsWith('{"t":"done"')).length;
      } catch {
        // not there yet
      }
      if (done >= count / 3) break;
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));
    const before = await tables();
    expect(before.group_members).toBeGreaterThan(0);
    expect(before.group_members).toBeLessThan(count);

    const again = await wmctl(args.slice(2), { timeoutMs: 300_000 });
    expect({ code: again.code, stderr: again.code === 0 ? "" : again.stderr }).toEqual({ code: 0, stderr: "" });
    expect(again.stderr).toContain("resuming from");
    // The store: one user per row, each with its address and alias, each in the group once.
    const after = await tables();
    expect(after.entities).toBe(count + 1);
    expect(after.addresses).toBe(2 * count + 1);
    expect(after.group_members).toBe(count);
    const users = JSON.parse((await wmctl(["user", "list", "--json"])).stdout) as Array<{
      name: string;
      state: string;
    }>;
    expect(users.map((u) => u.name).sort()).toEqual(Array.from({ length: count }, (_, i) => `u${i}`).sort());
    expect(users.every((u) => u.state === "ENABLED")).toBe(true);
    const outcomes = readFileSync(report, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(",")[3]);
    expect(outcomes).toEqual(Array(count).fill("ok"));
  }, 320_000);
});

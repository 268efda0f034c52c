import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnCli } from "../helpers/spawn-cli.js";

const home = mkdtempSync(join(tmpdir(), "wmctl-e2e-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { WMCTL_HOME: home };

describe("the built wmctl binary", () => {
  it("prints help and exits 0", async () => {
    const r = await spawnCli(["--help"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: wmctl [options] [command]");
    expect(r.stderr).toBe("");
  });

  it("prints the exit-code table as a help topic", async () => {
    const r = await spawnCli(["help", "exit-codes"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+8\s+still pending when a --wait timed out$/m);
  });

  it("rejects an unknown command with a one-line error and exit 2", async () => {
    const r = await spawnCli(["frobnicate"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown command 'frobnicate'/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it("creates and lists an organization on the embedded simulator", async () => {
    expect((await spawnCli(["org", "create", "e2eorg"], { env })).code).toBe(0);
    const r = await spawnCli(["org", "list", "--json"], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ alias: "e2eorg", state: "Active" })]);
  });
});

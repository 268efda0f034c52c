import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawnCli } from "../helpers/spawn-cli.js";

let home: string;
let env: Record<string, string>;
beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), "wmctl-e2e-users-"));
  env = { WMCTL_HOME: home };
  const r = await spawnCli(["org", "create", "acme"], { env });
  expect(r.code).toBe(0);
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe("users, aliases and whois through the built binary", () => {
  it("creates a user from a piped password, adds an alias and finds it with whois", async () => {
    const created = await spawnCli(
      ["user", "create", "bob", "--password-stdin", "--alias", "bobby", "--fields", "name,email,state"],
      { env, stdin: "Passw0rd!\n" },
    );
    expect(created).toMatchObject({ code: 0, stdout: "bob\tbob@acme.awsapps.com\tENABLED\n" });
    expect(created.stderr).not.toContain("Passw0rd!");
    const who = await spawnCli(["whois", "bobby@acme.awsapps.com", "--json"], { env });
    expect(who.code).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({ type: "USER", name: "bob", matched: "alias" });
  });

  it("exits 2 with a one-line error when there is no password source and no terminal", async () => {
    const r = await spawnCli(["user", "create", "bob"], { env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "error: a password is needed for the new user bob, and there is no terminal to ask for it\n" +
        "hint: pass --password-stdin, --password-file or --generate-password (a REMOTE_USER needs none)\n",
    );
  });

  it("deletes an enabled user with --yes (disabling it first) and then reports it unknown (exit 5)", async () => {
    expect((await spawnCli(["user", "create", "bob", "--generate-password"], { env })).code).toBe(0);
    const del = await spawnCli(["user", "delete", "bob", "--yes"], { env });
    expect(del.code).toBe(0);
    expect(del.stderr).toBe("✓ Disabled bob\n✓ Deleted user bob\n");
    const gone = await spawnCli(["user", "describe", "bob"], { env });
    expect(gone.code).toBe(5);
    expect(gone.stderr).toMatch(/^error: no user "bob" in organization \S+ \(m-[0-9a-f]{32}\)\n/);
  });
});

describe("several wmctl processes on one store", () => {
  it("4 processes creating 50 users each leave exactly 200 users", async () => {
    const worker = async (w: number) => {
      for (let i = 0; i < 50; i++) {
        const r = await spawnCli(
          ["user", "create", `w${w}-u${i}`, "--generate-password", "--quiet", "--fields", "name"],
          { env },
        );
        if (r.code !== 0) throw new Error(`worker ${w} user ${i}: exit ${r.code}: ${r.stderr}`);
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    const list = await spawnCli(["user", "list", "-o", "ndjson", "--fields", "name,state"], { env });
    expect(list.code).toBe(0);
    const users = list.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { name: string; state: string });
    expect(users).toHaveLength(200);
    expect(new Set(users.map((u) => u.name)).size).toBe(200);
    expect(users.every((u) => u.state === "ENABLED")).toBe(true);
  }, 240_000);
});

describe("user create under a race", () => {
  it("8 parallel creates of one name all succeed and make one user with its alias and group", async () => {
    expect((await spawnCli(["group", "create", "sales"], { env })).code).toBe(0);
    const runs = await Promise.all(
      Array.from({ length: 8 }, () =>
        spawnCli(
          [
            "user",
            "create",
            "racer",
            "--generate-password",
            "--alias",
            "speedy",
            "--group",
            "sales",
            "--fields",
            "name,email,state",
          ],
          { env },
        ),
      ),
    );
    for (const r of runs)
      expect({ code: r.code, stderr: r.stderr.includes("error:") ? r.stderr : "" }).toEqual({ code: 0, stderr: "" });
    for (const r of runs) expect(r.stdout).toBe("racer\tracer@acme.awsapps.com\tENABLED\n");
    const users = await spawnCli(["user", "list", "--json"], { env });
    expect((JSON.parse(users.stdout) as Array<{ name: string }>).filter((u) => u.name === "racer")).toHaveLength(1);
    const members = await spawnCli(["group", "members", "sales", "--json"], { env });
    expect((JSON.parse(members.stdout) as Array<{ name: string }>).map((m) => m.name)).toEqual(["racer"]);
    const who = await spawnCli(["whois", "speedy@acme.awsapps.com", "--json"], { env });
    expect(JSON.parse(who.stdout)).toMatchObject({ name: "racer" });
  }, 120_000);
});

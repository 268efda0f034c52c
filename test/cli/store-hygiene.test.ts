import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";
import { spawnCli } from "../helpers/spawn-cli.js";

let cli: CliHarness;
beforeEach(() => {
  cli = new CliHarness();
});
afterEach(() => cli.cleanup());

const mode = (p: string) => statSync(p).mode & 0o777;

describe("the store file", () => {
  it("refuses a 0-byte store.db, naming the file and the way out, instead of starting a new store", async () => {
    writeFileSync(join(cli.home, "store.db"), "");
    const r = await cli.run("org list");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: the simulator store ${join(cli.home, "store.db")} is empty (0 bytes)`);
    expect(r.stderr).toMatch(/hint: .*wmctl local restore/);
    expect(statSync(join(cli.home, "store.db")).size).toBe(0);
  });

  it("names a damaged store and the way out (snapshots, or moving it aside)", async () => {
    writeFileSync(join(cli.home, "store.db"), Buffer.alloc(8192, 0x5a));
    const r = await cli.run("org list");
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe(
      `error: the simulator store ${join(cli.home, "store.db")} is damaged (file is not a database)`,
    );
    expect(r.stderr).toContain("wmctl local snapshots");
    expect(r.stderr).not.toContain("    at ");
  });

  it("a new store is 0600 and never left half-created", async () => {
    await cli.ok("org list");
    expect(mode(join(cli.home, "store.db"))).toBe(0o600);
    expect(readdirSync(cli.home).filter((n) => n.includes(".new-"))).toEqual([]);
  });

  it("eight processes creating one new store at once all get the same, complete store", async () => {
    const runs = await Promise.all(
      Array.from({ length: 8 }, () =>
        spawnCli(["local", "credentials", "-o", "json"], { env: { WMCTL_HOME: cli.home } }),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual(Array(8).fill(0));
    expect(new Set(runs.map((r) => (JSON.parse(r.stdout) as { accessKeyId: string }).accessKeyId)).size).toBe(1);
    expect(readdirSync(cli.home).filter((n) => n.includes(".new-"))).toEqual([]);
  });

  it("does not chmod the target of a symlinked store.db", async () => {
    await cli.ok("org create acme");
    const elsewhere = join(cli.home, "elsewhere");
    mkdirSync(elsewhere);
    const real = join(elsewhere, "real.db");
    (await import("node:fs")).renameSync(join(cli.home, "store.db"), real);
    chmodSync(real, 0o644);
    symlinkSync(real, join(cli.home, "store.db"));
    await cli.ok("org list");
    expect(lstatSync(join(cli.home, "store.db")).isSymbolicLink()).toBe(true);
    expect(mode(real)).toBe(0o644);
  });

  it("snapshots' store.db is 0600 whatever the umask", async () => {
    await cli.ok("org create acme");
    const old = process.umask(0o000);
    try {
      await cli.ok("local snapshot s1");
    } finally {
      process.umask(old);
    }
    expect(mode(join(cli.home, "snapshots", "s1", "store.db"))).toBe(0o600);
  });
});

/** Runs the built wmctl as a user who may read the store but not write it (nobody when we are root). */
function runReadOnly(home: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  return spawnCli(args, { env: { HOME: home, WMCTL_HOME: home }, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
}

describe("a read-only store", () => {
  it("still serves reads; a write fails with one line naming the store", async () => {
    await cli.ok("org create acme");
    await cli.ok("user create bob --generate-password");
    const db = join(cli.home, "store.db");
    expect(existsSync(`${db}-wal`)).toBe(false);
    // Readable by all, writable by nobody but root (the folder too, so no -wal or -shm can be made).
    chmodSync(cli.home, 0o555);
    chmodSync(db, 0o444);
    chmodSync(join(cli.home, "config.json"), 0o444);
    try {
      const list = await runReadOnly(cli.home, ["user", "list", "--fields", "name,state"]);
      expect(list.stderr).toBe("");
      expect([list.code, list.stdout]).toEqual([0, "bob\tENABLED\n"]);
      const write = await runReadOnly(cli.home, ["user", "create", "carol", "--generate-password"]);
      expect(write.code).toBe(4);
      expect(write.stderr.split("\n")[0]).toBe(
        `error: the simulator store ${db} is read-only: this command would change it`,
      );
    } finally {
      chmodSync(cli.home, 0o700);
      chmodSync(db, 0o600);
    }
    expect(mode(db)).toBe(0o600);
  });
});

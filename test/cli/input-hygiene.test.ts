import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";

let cli: CliHarness;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
});
afterEach(() => cli.cleanup());

const ESC = "\u001b";

describe("terminal escape sequences", () => {
  it("are shown escaped in tables, tab-separated rows, status lines and errors; JSON keeps the data", async () => {
    const evil = `Evil${ESC}]0;pwned${ESC}\\${ESC}[2J\u009b31m\u202e`;
    await cli.ok("user create bob --generate-password");
    const updated = await cli.ok(["user", "update", "bob", "--display-name", evil]);
    expect(updated.stdout + updated.stderr).not.toContain(ESC);
    const shown = "Evil\\x1b]0;pwned\\x1b\\\\x1b[2J\\x9b31m\\u202e";
    const table = await cli.ok(["user", "list", "--fields", "name,displayName"], { tty: true });
    expect(table.stdout).not.toContain(ESC);
    expect(table.stdout).toContain(shown);
    const tsv = await cli.ok(["user", "list", "--fields", "name,displayName"]);
    expect(tsv.stdout).toBe(`bob\t${shown}\n`);
    const json = await cli.json<Array<{ displayName: string }>>(["user", "list"]);
    expect(json[0]?.displayName).toBe(evil);
    const err = await cli.run(["user", "describe", `nobody${ESC}[31mred`]);
    expect(err.code).toBe(5);
    expect(err.stderr).not.toContain(ESC);
    expect(err.stderr).toContain("nobody\\x1b[31mred");
    const flag = await cli.run(["user", "list", `--bad${ESC}[2J`]);
    expect([flag.code, flag.stderr.split("\n")[0]]).toEqual([2, "error: unknown option '--bad\\x1b[2J'"]);
  });
});

describe("--region", () => {
  it("is checked on the local backend too (an AWS region name), before anything is stored", async () => {
    const r = await cli.run(["--region", "us-east-1; rm -rf /", "org", "list"]);
    expect([r.code, r.stderr.split("\n")[0]]).toEqual([
      2,
      'error: --region "us-east-1; rm -rf /" is not an AWS region name (like us-east-1)',
    ]);
    const env = await cli.run(["org", "list"], { env: { WMCTL_REGION: "../../x" } });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain("WMCTL_REGION");
    expect((await cli.run(["--region", "eu-west-3", "org", "list"])).code).toBe(0);
    expect((await cli.run(["--region", "us-gov-west-1", "org", "list"])).code).toBe(0);
  });
});

describe("local lifecycle", () => {
  it("bounds a delay (organizations must be able to leave Creating)", async () => {
    const r = await cli.run(["local", "lifecycle", "organizationCreate=99999999999999d"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: ValidationException: lifecycle "organizationCreate" must be at most 3650d (10 years of simulator time)\n',
    );
    expect((await cli.ok("local lifecycle organizationCreate=3650d")).stdout).toContain("organizationCreate\t");
  });
});

describe("files an admin names", () => {
  it("local deliver refuses /dev/zero and a FIFO-like file at once, naming it (exit 2)", async () => {
    const r = await cli.run(["local", "deliver", "--to", "nobody@acme.awsapps.com", "/dev/zero"]);
    expect([r.code, r.stderr]).toEqual([2, "error: message file /dev/zero is not a regular file\n"]);
  });

  it("--password-file refuses /dev/zero and files larger than a password file", async () => {
    await cli.ok("user create bob --generate-password");
    const zero = await cli.run(["user", "reset-password", "bob", "--password-file", "/dev/zero"]);
    expect([zero.code, zero.stderr]).toEqual([2, "error: --password-file /dev/zero is not a regular file\n"]);
    const big = join(cli.home, "big.txt");
    writeFileSync(big, "x".repeat(100_000), { mode: 0o600 });
    const large = await cli.run(["user", "reset-password", "bob", "--password-file", big]);
    expect([large.code, large.stderr]).toEqual([2, `error: --password-file ${big} is larger than 4 KiB (97.7 KiB)\n`]);
  });

  it("reports a symlink loop once, readably", async () => {
    const loop = join(cli.home, "loop");
    symlinkSync(loop, loop);
    const r = await cli.run(["local", "deliver", "--to", "nobody@acme.awsapps.com", loop]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `error: message file ${loop}: too many levels of symbolic links (a symlink loop?)\n`,
    ]);
    const pw = await cli.run(["user", "reset-password", "bob", "--password-file", loop]);
    expect(pw.stderr).not.toContain("ELOOP: ELOOP");
  });

  it("export all --users with a folder exits 2 naming it", async () => {
    const dir = join(cli.home, "folder");
    mkdirSync(dir);
    const r = await cli.run(["export", "all", "--users", dir]);
    expect([r.code, r.stderr]).toEqual([2, `error: --users ${dir} is a folder\n`]);
  });
});

describe("--dry-run", () => {
  it("checks the request against the API model before printing the plan", async () => {
    const long = "x".repeat(300);
    const rule = await cli.run([
      "access-rule",
      "put",
      "no-imap",
      "--effect",
      "deny",
      "--protocol",
      "imap",
      "--description",
      long,
      "--dry-run",
    ]);
    expect(rule.code).toBe(2);
    expect(rule.stdout).toBe("");
    expect(rule.stderr).toMatch(/^error: ValidationException: .*description/im);
    await cli.ok("user create bob --generate-password");
    await cli.ok("resource create room1 --type room");
    const job = await cli.run(["export", "start", "bob", "--description", "d".repeat(1100), "--dry-run"]);
    expect([job.code, job.stdout]).toEqual([2, ""]);
    expect(job.stderr).toMatch(/^error: ValidationException: .*description/im);
    for (const argv of [
      ["user", "update", "bob", "--display-name", "n".repeat(300), "--dry-run"],
      [
        "impersonation-role",
        "create",
        "r1",
        "--type",
        "full-access",
        "--allow-all",
        "--description",
        long,
        "--dry-run",
      ],
      ["org", "create", "Bad Alias!", "--dry-run"],
      ["resource", "update", "room1", "--description", long, "--dry-run"],
      ["tag", "add", `k=${long}`, "--dry-run"],
    ]) {
      const r = await cli.run(argv);
      expect([r.code, r.stdout], argv[0]).toEqual([2, ""]);
      expect(r.stderr, argv[0]).toMatch(/^error: ValidationException: /);
    }
    // A valid request still prints its plan.
    expect(
      (await cli.ok(["access-rule", "put", "no-imap", "--effect", "deny", "--protocol", "imap", "--dry-run"])).stdout,
    ).toMatch(/^would PutAccessControlRule no-imap/);
  });
});

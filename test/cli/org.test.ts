import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";

let cli: CliHarness;
beforeEach(() => {
  cli = new CliHarness();
});
afterEach(() => cli.cleanup());

describe("wmctl org", () => {
  it("creates an organization with its test domain and makes it the default", async () => {
    const r = await cli.run("org create acme");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Created organization acme (m-");
    expect(r.stderr).toContain("Default organization of profile default is now acme");
    const org = await cli.json<{ id: string; alias: string; state: string; defaultMailDomain: string }>("org describe");
    expect(org).toMatchObject({ alias: "acme", state: "Active", defaultMailDomain: "acme.awsapps.com" });
    expect(org.id).toMatch(/^m-[0-9a-f]{32}$/);
  });

  it("lists organizations as a table on a terminal and as TSV when piped", async () => {
    await cli.ok("org create acme");
    await cli.ok("org create globex");
    const tty = await cli.ok("org list", { tty: true });
    const lines = tty.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID\s+ALIAS\s+STATE\s+DEFAULT MAIL DOMAIN$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[1])).toEqual(["acme", "globex"]);
    const piped = await cli.ok("org list --fields alias,state");
    expect(piped.stdout).toBe("acme\tActive\nglobex\tActive\n");
  });

  it("refuses a taken alias with the service's error name and exit code 6", async () => {
    await cli.ok("org create acme");
    const r = await cli.run("org create ACME");
    expect(r.code).toBe(6);
    expect(r.stderr).toBe("error: NameAvailabilityException: The alias ACME is already in use.\n");
  });

  it("refuses an alias the model's pattern rejects with exit code 2", async () => {
    const r = await cli.run("org create d-acme");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: ValidationException: "d-acme" is not a valid organization alias: .*not starting with d-\n$/,
    );
  });

  it("switches the default organization with org use, by alias", async () => {
    await cli.ok("org create acme");
    await cli.ok("org create globex");
    await cli.ok("org use globex");
    expect((await cli.json<{ alias: string }>("org describe")).alias).toBe("globex");
    expect((await cli.json<{ alias: string }>("--org acme org describe")).alias).toBe("acme");
  });

  it("needs --yes to delete without a terminal, and deletes with it", async () => {
    await cli.ok("org create acme");
    const refused = await cli.run("org delete acme");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("confirmation needed");
    expect(refused.stderr).toContain("hint: pass --yes");
    const dry = await cli.ok("org delete acme --dry-run");
    expect(dry.stdout).toBe("would DeleteOrganization acme  deleteDirectory=true forceDelete=false\n");
    await cli.ok("org delete acme --yes");
    const r = await cli.run("org describe acme");
    expect(r.code).toBe(5);
  });

  it("refuses a dry run the real run would refuse: enabled users need --force (exit 6)", async () => {
    await cli.ok("org create acme");
    await cli.ok("user create bob --generate-password");
    const dry = await cli.run("org delete acme --dry-run");
    expect(dry.code).toBe(6);
    expect(dry.stdout).toBe("");
    expect(dry.stderr).toBe(
      "error: organization acme has enabled users\nhint: disable its users first (wmctl --org acme user disable NAME), or delete it with them: wmctl org delete acme --force\n",
    );
    const real = await cli.run("org delete acme --yes");
    expect(real.code).toBe(6);
    expect(real.stderr).toContain(
      "hint: disable its users first (wmctl --org acme user disable NAME), or delete it with them: wmctl org delete acme --force\n",
    );
    expect((await cli.ok("org delete acme --dry-run --force")).stdout).toBe(
      "would DeleteOrganization acme  deleteDirectory=true forceDelete=true\n",
    );
    await cli.ok("org delete acme --yes --force");
  });

  it('says an organization is deleted instead of "no organization" (issue #11 item 14)', async () => {
    await cli.ok("org create acme");
    await cli.ok("org create other");
    await cli.ok("org delete acme --yes");
    const r = await cli.run("org use acme");
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(
      /^error: organization acme is (deleted|deleting)\nhint: see `wmctl org list`; create a new one with `wmctl org create ALIAS`\n$/,
    );
    expect((await cli.run("--org acme user list")).stderr).toMatch(/^error: organization acme is (deleted|deleting)\n/);
  });

  it("reports an unknown organization with exit code 5", async () => {
    const r = await cli.run("--org nosuch org describe");
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('no organization with alias or id "nosuch"');
  });

  it("fails --fields with an unknown field before doing anything, listing the valid ones", async () => {
    const r = await cli.run("org list --fields alias,bogus");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: --fields: unknown field "bogus"');
    expect(r.stderr).toContain("valid fields: id, alias, state");
  });
});

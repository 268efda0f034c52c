import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InventoryDocument } from "../../src/inventory/document.js";
import { CliHarness } from "../helpers/run-cli.js";

let cli: CliHarness;
let inv: string;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
  await cli.ok("user create bob --generate-password --first-name Bob --alias bobby");
  await cli.ok("user create dave --generate-password");
  await cli.ok("user disable dave --yes");
  await cli.ok("group create sales --member bob");
  await cli.ok("group create 'All Staff' --member sales");
  await cli.ok("resource create room-1 --type room --delegate sales --no-auto-accept");
  inv = join(cli.home, "inv");
  await cli.ok(["--org", "acme", "org", "inventory", "--out", inv]);
  await cli.ok("org create rehearsal");
});
afterEach(() => cli.cleanup());

const restore = (...args: string[]) => cli.run(["--org", "rehearsal", "org", "restore", "--from", inv, ...args]);
const usersOf = async (org: string) =>
  (await cli.json<Array<{ name: string; email?: string; state: string }>>(["--org", org, "user", "list"]))
    .map((u) => `${u.name}:${u.email ?? ""}:${u.state}`)
    .sort();

/** Rewrites the inventory as if acme's addresses were on example.com (a domain the simulator cannot verify here). */
function onExampleCom(): void {
  const path = join(inv, "inventory.json");
  writeFileSync(
    path,
    readFileSync(path, "utf8")
      .replaceAll("@acme.awsapps.com", "@example.com")
      .replace('"defaultMailDomain": "acme.awsapps.com"', '"defaultMailDomain": "example.com"'),
  );
}

describe("wmctl org restore", () => {
  it("--dry-run prints the plan in dependency order, hides passwords, and changes nothing", async () => {
    const r = await restore("--dry-run");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toContain("would CreateUser bob  displayName=Bob role=USER firstName=Bob password=(hidden)");
    expect(lines).toContain("would RegisterToWorkMail bob  email=bob@rehearsal.awsapps.com");
    expect(lines).toContain("would AssociateMemberToGroup All Staff  member=sales");
    expect(lines).toContain("would AssociateDelegateToResource room-1  entity=sales");
    expect(lines).toContain(
      'would UpdateResource room-1  bookingOptions={"AutoAcceptRequests":false,"AutoDeclineRecurringRequests":false,"AutoDeclineConflictingRequests":true}',
    );
    expect(lines).toContain("would CreateAlias bob  alias=bobby@rehearsal.awsapps.com");
    expect(lines.at(-1)).toBe("would DeregisterFromWorkMail dave");
    const index = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(index("would CreateUser")).toBeLessThan(index("would CreateGroup"));
    expect(index("would CreateGroup")).toBeLessThan(index("would AssociateMemberToGroup"));
    expect(index("would AssociateMemberToGroup")).toBeLessThan(index("would CreateResource"));
    expect(index("would AssociateDelegateToResource")).toBeLessThan(index("would UpdateResource"));
    expect(r.stderr).toContain("Addresses on acme.awsapps.com become addresses on rehearsal.awsapps.com\n");
    expect(r.stderr).toMatch(/Dry run: \d+ changes planned, nothing was changed\n$/);
    expect(await usersOf("rehearsal")).toEqual([]);

    const json = await cli.json<{ dryRun: boolean; changes: Array<{ action: string; target: string }> }>([
      "--org",
      "rehearsal",
      "org",
      "restore",
      "--from",
      inv,
      "--dry-run",
    ]);
    expect(json.dryRun).toBe(true);
    expect(json.changes[0]).toMatchObject({ action: "CreateUser" });
  });

  it("restores into an empty organization without asking, and reports per step", async () => {
    const r = await restore();
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => l.split("\t"));
    const byStep = Object.fromEntries(rows.map(([step, ...counts]) => [step, counts.join(" ")]));
    expect(byStep).toMatchObject({
      organization: "0 0 2 0",
      users: "2 0 0 0",
      groups: "2 0 0 0",
      "group-members": "2 0 0 0",
      resources: "1 0 0 0",
      "resource-delegates": "1 1 0 0",
      aliases: "1 0 0 0",
      states: "0 1 0 0",
    });
    expect(rows.at(-1)?.[0]).toBe("states");
    expect(r.stderr).toContain("✓ users: 2 created, 0 updated, 0 skipped, 0 failed\n");
    expect(r.stderr).toContain(
      "2 new users get random passwords that wmctl does not keep: set them with `wmctl user reset-password` (or pass --passwords-out FILE)\n",
    );
    expect(r.stderr).toContain("✓ Restored the inventory of acme into rehearsal\n");
    expect(await usersOf("rehearsal")).toEqual([
      "bob:bob@rehearsal.awsapps.com:ENABLED",
      "dave:dave@rehearsal.awsapps.com:DISABLED",
    ]);
  });

  it("asks before restoring into an organization that has entities; --yes confirms", async () => {
    await cli.ok("--org rehearsal user create zoe --generate-password");
    const r = await restore();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "error: Restore the inventory of acme into rehearsal, which already has 1 user (those with the same names are updated to match the inventory, none is deleted; the inventory's policies replace the target's): confirmation needed\nhint: pass --yes to confirm without a prompt\n",
    );
    expect(await usersOf("rehearsal")).toEqual(["zoe:zoe@rehearsal.awsapps.com:ENABLED"]);
    expect((await restore("--yes")).code).toBe(0);
    expect(await usersOf("rehearsal")).toHaveLength(3);
  });

  it("--details reports every action; a second run only skips", async () => {
    await restore();
    const r = await restore("--yes", "--details", "-o", "csv");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("step,action,target,result,message");
    expect(lines).toContain("users,CreateUser,bob,skipped,already as in the inventory");
    expect(lines).toContain("group-members,AssociateMemberToGroup,All Staff <- sales,skipped,already a member");
    expect(lines).toContain("aliases,CreateAlias,bob bobby@rehearsal.awsapps.com,skipped,already an alias");
    expect(lines).toContain("states,DeregisterFromWorkMail,dave,skipped,disabled");
    const core =
      /^(domains|organization|users|groups|group-members|resources|resource-delegates|aliases|mailboxes|mailbox-permissions|states),/;
    expect(lines.filter((l) => core.test(l) && /,(created|updated|failed),/.test(l))).toEqual([]);
  });

  it("stops before any change when addresses are on a domain the target has not verified, and says what to do", async () => {
    onExampleCom();
    const r = await restore();
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(
      /! example\.com \(\d+ addresses, the default domain\): (not a domain of the target organization|not known to be verified \(this backend cannot list domains\))\n/,
    );
    expect(r.stderr).toContain("error: 1 domain of the inventory cannot carry addresses in rehearsal: example.com\n");
    expect(r.stderr).toContain(
      "hint: verify it in rehearsal first (wmctl domain add example.com, publish its records: wmctl domain records example.com, then wmctl domain verify example.com), or rehearse on the test domain: --map-domain example.com=rehearsal.awsapps.com\n",
    );
    expect(await usersOf("rehearsal")).toEqual([]);
    expect((await restore("--dry-run")).code).toBe(6);

    const mapped = await restore(
      "--map-domain",
      "example.com=rehearsal.awsapps.com",
      "--map-domain",
      "example.net=rehearsal.awsapps.com",
    );
    expect(mapped.code).toBe(0);
    expect(mapped.stderr).toContain("Addresses on example.com become addresses on rehearsal.awsapps.com\n");
    expect(mapped.stderr).toContain(
      "! --map-domain example.net: the inventory has no address or domain on example.net\n",
    );
    expect(await usersOf("rehearsal")).toEqual([
      "bob:bob@rehearsal.awsapps.com:ENABLED",
      "dave:dave@rehearsal.awsapps.com:DISABLED",
    ]);
  });

  it("a failed action is reported, the rest is restored, and the exit code is 1", async () => {
    await cli.ok("--org rehearsal group create bob");
    const r = await restore("--yes");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^users\t1\t0\t0\t1$/m);
    expect(r.stderr).toContain("! users: bob: the name bob is taken by a group in the target organization\n");
    expect(r.stderr).toContain("! group-members: sales <- bob: the user bob is not in the target\n");
    // Each later step that needs bob fails too (aliases; with the mailbox areas, his quota).
    expect(r.stderr).toContain("! aliases: bob bobby@rehearsal.awsapps.com: bob is not in the target\n");
    expect(r.stderr).toMatch(
      /\nerror: the restore finished with [34] failed actions\nhint: fix the causes above and re-run the same command: what already exists is skipped\n$/,
    );
    expect(await usersOf("rehearsal")).toEqual(["dave:dave@rehearsal.awsapps.com:DISABLED"]);
  });

  it("writes generated passwords only to a new file, checked before anything changes", async () => {
    const file = join(cli.home, "pw.csv");
    writeFileSync(file, "earlier passwords\n");
    const refused = await restore("--passwords-out", file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `error: --passwords-out ${file} already exists\nhint: give a new file name: overwriting it would lose the passwords it holds\n`,
    );
    expect(await usersOf("rehearsal")).toEqual([]);
    const missingDir = await restore("--passwords-out", join(cli.home, "no", "pw.csv"));
    expect(missingDir.code).toBe(2);
    const fresh = join(cli.home, "pw2.csv");
    const r = await restore("--passwords-out", fresh);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`✓ Wrote the passwords of 2 new users to ${fresh} (mode 0600)\n`);
    expect(r.stdout + r.stderr).not.toContain(readFileSync(fresh, "utf8").split("\n")[1]?.split(",")[2] ?? "none");
  });

  it("converges: a user the inventory has disabled is disabled in the target even when it was enabled there", async () => {
    await cli.ok("--org rehearsal user create dave --generate-password");
    expect(await usersOf("rehearsal")).toEqual(["dave:dave@rehearsal.awsapps.com:ENABLED"]);
    const r = await restore("--yes", "--details", "-o", "csv");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('states,DeregisterFromWorkMail,dave,updated,"disabled, as in the inventory"\n');
    expect(await usersOf("rehearsal")).toEqual([
      "bob:bob@rehearsal.awsapps.com:ENABLED",
      "dave:dave@rehearsal.awsapps.com:DISABLED",
    ]);
  });

  it("--passwords-out appends to the file an earlier run wrote, one line per created user", async () => {
    const file = join(cli.home, "pw.csv");
    await cli.ok("--org rehearsal user create bob --generate-password");
    const first = await restore("--yes", "--passwords-out", file);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`✓ Wrote the passwords of 1 new user to ${file} (mode 0600)\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await cli.ok("--org rehearsal user delete dave --yes");
    await cli.ok("local advance 31d");
    const again = await restore("--yes", "--passwords-out", file);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`✓ Appended the passwords of 1 new user to ${file} (mode 0600)\n`);
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines.map((l) => l.split(",").slice(0, 2).join(","))).toEqual([
      "name,email",
      "dave,dave@rehearsal.awsapps.com",
      "dave,dave@rehearsal.awsapps.com",
    ]);
    const third = await restore("--yes", "--passwords-out", file);
    expect(third.stderr).toContain(`No user was created: ${file} was not changed\n`);
  });

  it("explains a missing, foreign or damaged inventory", async () => {
    const missing = await cli.run(["--org", "rehearsal", "org", "restore", "--from", join(cli.home, "nope")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("does not exist\nhint: write an inventory first: wmctl org inventory --out DIR\n");
    const doc = JSON.parse(readFileSync(join(inv, "inventory.json"), "utf8")) as InventoryDocument;
    (doc.areas.groups?.[0] as { members: unknown }).members = "everyone";
    writeFileSync(join(inv, "inventory.json"), JSON.stringify(doc));
    const damaged = await restore();
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toContain(
      "inventory.json: areas.groups[0].members: expected an array\nhint: the file was edited or is damaged; take the inventory again\n",
    );
  });

  it("reports an area that is not in the inventory as skipped", async () => {
    const path = join(inv, "inventory.json");
    const doc = JSON.parse(readFileSync(path, "utf8")) as InventoryDocument;
    delete doc.areas.resources;
    doc.skipped = [
      ...doc.skipped.filter((x) => x.area !== "resources"),
      { area: "resources", reason: "failed: InternalFailure: boom" },
    ];
    writeFileSync(path, JSON.stringify(doc));
    const r = await restore("--details", "-o", "json");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, string>>;
    expect(rows.filter((x) => x.step === "resources")).toEqual([
      {
        step: "resources",
        action: "-",
        target: "resources",
        result: "skipped",
        message: "not in the inventory: failed: InternalFailure: boom",
      },
    ]);
  });
});

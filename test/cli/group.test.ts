import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";
import { ScriptedPrompter } from "../helpers/scripted-prompter.js";
import { seedUsers } from "../helpers/seed-users.js";

let cli: CliHarness;
let users: Record<string, string>;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
  users = await seedUsers(cli.home, ["alice", "bob"]);
});
afterEach(() => cli.cleanup());

interface GroupJson {
  id: string;
  name: string;
  email?: string;
  state: string;
  enabledDate?: string;
  hiddenFromGlobalAddressList?: boolean;
}

describe("wmctl group create", () => {
  it("creates, enables on the default domain and adds members, saying each step on stderr", async () => {
    const r = await cli.ok("group create sales --member alice --member bob@acme.awsapps.com -o json");
    const g = JSON.parse(r.stdout) as GroupJson;
    expect(g).toMatchObject({
      name: "sales",
      email: "sales@acme.awsapps.com",
      state: "ENABLED",
      hiddenFromGlobalAddressList: false,
    });
    expect(g.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(g.enabledDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(r.stderr).toBe(
      `✓ Created group sales (${g.id})\n` +
        "✓ Enabled group sales as sales@acme.awsapps.com\n" +
        "✓ Added user alice to sales\n" +
        "✓ Added user bob to sales\n",
    );
    expect((await cli.ok("group members sales --fields name")).stdout).toBe("alice\nbob\n");
  });

  it("makes an address from a name with spaces, and finds the group by that name afterwards", async () => {
    await cli.ok(["group", "create", "All Staff", "--member", "alice"]);
    const g = await cli.json<GroupJson>(["group", "describe", "All Staff"]);
    expect(g).toMatchObject({ name: "All Staff", email: "all-staff@acme.awsapps.com", state: "ENABLED" });
    expect((await cli.json<GroupJson>("group describe all-staff@acme.awsapps.com")).id).toBe(g.id);
    expect((await cli.json<GroupJson>(`group describe ${g.id}`)).name).toBe("All Staff");
  });

  it("only creates with --no-enable, and refuses --email with it", async () => {
    const g = await cli.json<GroupJson>("group create auditors --no-enable --hidden");
    expect(g).toMatchObject({ name: "auditors", state: "DISABLED", hiddenFromGlobalAddressList: true });
    expect(g.email).toBeUndefined();
    const r = await cli.run("group create x --no-enable --email x@acme.awsapps.com");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: --email enables the group, but --no-enable was given\nhint: drop one of them\n");
  });

  it("is idempotent on re-run: nothing is created twice and members already in stay", async () => {
    await cli.ok("group create sales --member alice");
    const again = await cli.ok("group create sales --member alice,bob");
    expect(again.stderr).toMatch(
      /^Group sales already exists \([0-9a-f-]{36}\)\n✓ Added user alice to sales\n✓ Added user bob to sales\n$/,
    );
    expect((await cli.ok("group list --fields name")).stdout).toBe("sales\n");
    expect((await cli.ok("group members sales --fields name")).stdout).toBe("alice\nbob\n");
  });

  it("reports a taken address with the service's error, exit 6 and a hint, and a name used by a user with exit 6", async () => {
    const r = await cli.run("group create team --email alice@acme.awsapps.com");
    expect(r.code).toBe(6);
    expect(r.stderr).toContain(
      "error: EmailAddressInUseException: alice@acme.awsapps.com is already in use by user alice\n",
    );
    expect(r.stderr).toContain("hint: see who has it: wmctl whois alice@acme.awsapps.com, or pass another --email\n");
    // Checked before CreateGroup: no group team is left behind.
    expect((await cli.run("group describe team")).code).toBe(5);
    const taken = await cli.run("group create alice");
    expect(taken.code).toBe(6);
    expect(taken.stderr).toBe(
      "error: NameAvailabilityException: The name alice is already used by a user in this organization.\n",
    );
  });

  it("8 parallel creates of one group all succeed and make one group", async () => {
    const runs = await Promise.all(Array.from({ length: 8 }, () => cli.run("group create crew --member alice")));
    expect(runs.map((r) => (r.code === 0 ? 0 : r.stderr))).toEqual(Array(8).fill(0));
    expect((await cli.ok("group list --fields name")).stdout.split("\n").filter((l) => l === "crew")).toHaveLength(1);
  });

  it("fails before changing anything when a member does not exist", async () => {
    const r = await cli.run("group create sales --member nobody");
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(
      /^error: no user or group "nobody" in organization acme \(m-[0-9a-f]{32}\)\nhint: look it up with `wmctl whois`\n$/,
    );
    expect((await cli.ok("group list")).stdout).toBe("");
  });

  it("keeps the group's own address on a re-run: no warning when enabled, the same address when disabled", async () => {
    await cli.ok("group create sales --email team@acme.awsapps.com");
    expect((await cli.ok("group create sales")).stderr).toMatch(/^Group sales already exists \([0-9a-f-]{36}\)\n$/);
    await cli.ok("group disable sales");
    const again = await cli.ok("group create sales -o json");
    expect(JSON.parse(again.stdout)).toMatchObject({ state: "ENABLED", email: "team@acme.awsapps.com" });
    expect(again.stderr).toContain("✓ Enabled group sales as team@acme.awsapps.com\n");
  });

  it("prints the plan with --dry-run and creates nothing", async () => {
    const r = await cli.ok("group create sales --member alice --dry-run");
    expect(r.stdout).toBe(
      "would CreateGroup sales\n" +
        "would RegisterToWorkMail sales  email=sales@acme.awsapps.com\n" +
        "would AssociateMemberToGroup sales  member=alice\n",
    );
    expect((await cli.json<unknown[]>("group list")).length).toBe(0);
  });
});

describe("wmctl group list", () => {
  beforeEach(async () => {
    await cli.ok("group create eng");
    await cli.ok("group create engineering-leads --no-enable");
    await cli.ok("group create sales --member alice");
  });

  it("prints an aligned table with a header on a terminal", async () => {
    const r = await cli.ok("group list --fields name,email,state", { tty: true });
    expect(r.stdout).toMatch(/^NAME\s+EMAIL\s+STATE\s*\n/);
    const rows = r.stdout
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((l) => l.trim().split(/\s+/));
    expect(rows).toEqual([
      ["eng", "eng@acme.awsapps.com", "ENABLED"],
      ["engineering-leads", "-", "DISABLED"],
      ["sales", "sales@acme.awsapps.com", "ENABLED"],
    ]);
  });

  it("prints TSV without a header when piped, and JSON arrays with -o json", async () => {
    expect((await cli.ok("group list --fields name,state")).stdout).toBe(
      "eng\tENABLED\nengineering-leads\tDISABLED\nsales\tENABLED\n",
    );
    const json = await cli.json<GroupJson[]>("group list");
    expect(json.map((g) => g.name)).toEqual(["eng", "engineering-leads", "sales"]);
    expect(Object.keys(json[0] as object)).toEqual(["id", "name", "email", "state", "enabledDate"]);
  });

  it("combines filters (one sent to the service, the others applied by wmctl)", async () => {
    expect((await cli.ok("group list --prefix eng --fields name")).stdout).toBe("eng\nengineering-leads\n");
    expect((await cli.ok("group list --prefix eng --state ENABLED --fields name")).stdout).toBe("eng\n");
    expect((await cli.ok("group list --email-prefix sales --fields name")).stdout).toBe("sales\n");
    expect((await cli.ok("group list --prefix Eng")).stdout).toBe("");
    expect((await cli.ok("group list --prefix nomatch -o json")).stdout).toBe("[]\n");
  });

  it("lists the groups a user is in with --with-member", async () => {
    await cli.ok("group add-member eng alice");
    expect((await cli.ok("group list --with-member alice@acme.awsapps.com --fields name,email")).stdout).toBe(
      "eng\teng@acme.awsapps.com\nsales\tsales@acme.awsapps.com\n",
    );
    expect((await cli.ok("group list --with-member alice --prefix s --fields name")).stdout).toBe("sales\n");
    expect((await cli.ok("group list --with-member bob")).stdout).toBe("");
  });
});

describe("wmctl group members", () => {
  beforeEach(async () => {
    await cli.ok("group create backend --member bob");
    await cli.ok("group create eng --member backend,alice");
    await cli.ok(["group", "create", "All Staff", "--member", "eng,alice"]);
  });

  it("lists direct members with their type and state", async () => {
    const r = await cli.ok(["group", "members", "All Staff", "--fields", "name,type,state"]);
    expect(r.stdout).toBe("alice\tUSER\tENABLED\neng\tGROUP\tENABLED\n");
  });

  it("expands nested groups with --recursive, showing the path in a VIA column", async () => {
    const r = await cli.ok(["group", "members", "All Staff", "--recursive"], { tty: true });
    const lines = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => l.trimEnd());
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+EMAIL\s+STATE\s+VIA$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
      ["alice", "USER", "alice@acme.awsapps.com", "ENABLED", "All Staff"],
      ["eng", "GROUP", "eng@acme.awsapps.com", "ENABLED", "All Staff"],
      ["alice", "USER", "alice@acme.awsapps.com", "ENABLED", "All Staff > eng"],
      ["backend", "GROUP", "backend@acme.awsapps.com", "ENABLED", "All Staff > eng"],
      ["bob", "USER", "bob@acme.awsapps.com", "ENABLED", "All Staff > eng > backend"],
    ]);
    const json = await cli.json<Array<{ name: string; depth: number; via: string }>>([
      "group",
      "members",
      "All Staff",
      "-r",
    ]);
    expect(json.map((m) => [m.name, m.depth])).toEqual([
      ["alice", 1],
      ["eng", 1],
      ["alice", 2],
      ["backend", 2],
      ["bob", 3],
    ]);
  });

  it("follows the service's pages: all of a 130-member group is listed, in order", async () => {
    const names = Array.from({ length: 130 }, (_, i) => `u${String(i).padStart(3, "0")}`);
    await seedUsers(cli.home, names, { enabled: false });
    await cli.ok(["group", "add-member", "backend", ...names]);
    const listed = (await cli.ok("group members backend --fields name")).stdout.trimEnd().split("\n");
    expect(listed).toEqual(["bob", ...names]);
  });

  it("keeps disabled members and shows their state", async () => {
    await cli.ok("group disable backend");
    expect((await cli.ok("group members eng --fields name,state")).stdout).toBe("alice\tENABLED\nbackend\tDISABLED\n");
  });
});

describe("wmctl group add-member / remove-member", () => {
  beforeEach(async () => {
    await cli.ok("group create a");
    await cli.ok("group create b --member a");
  });

  it('says a member is already there instead of "Added" (exit 0)', async () => {
    await cli.ok("user create alice --generate-password");
    const first = await cli.ok("group add-member b alice");
    expect(first.stderr).toBe("✓ Added user alice to b\n");
    const again = await cli.ok("group add-member b alice a");
    expect(again.stderr).toBe("✓ User alice is already a member of b\n✓ Group a is already a member of b\n");
    expect((await cli.ok("group add-member b alice --dry-run")).stdout).toBe("");
  });

  it("refuses a membership cycle with the service's error, exit 2 and a hint", async () => {
    const r = await cli.run("group add-member a b");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: InvalidParameterException: Adding b to a would create a membership cycle: a is already a member of b.\n" +
        "hint: see where a sits inside b: wmctl group members b --recursive\n",
    );
    const self = await cli.run("group add-member a a");
    expect(self.stderr).toBe("error: InvalidParameterException: The group a cannot be a member of itself.\n");
  });

  it("adds several members by name, email or id, and removes them", async () => {
    const r = await cli.ok(["group", "add-member", "a", "alice", "bob@acme.awsapps.com", users.bob as string]);
    expect(r.stderr).toBe("✓ Added user alice to a\n✓ Added user bob to a\n✓ Added user bob to a\n");
    expect((await cli.ok("group members a --fields name")).stdout).toBe("alice\nbob\n");
    await cli.ok("group remove-member a alice");
    expect((await cli.ok("group members a --fields name")).stdout).toBe("bob\n");
    const dry = await cli.ok("group remove-member a bob --dry-run");
    expect(dry.stdout).toBe("would DisassociateMemberFromGroup a  member=bob type=USER\n");
    expect((await cli.ok("group members a --fields name")).stdout).toBe("bob\n");
  });

  it("reports removing a non-member with exit 5 and a hint", async () => {
    const r = await cli.run("group remove-member a alice");
    expect(r.code).toBe(5);
    expect(r.stderr).toBe(
      "error: EntityNotFoundException: alice is not a member of the group a.\nhint: see its members: wmctl group members a\n",
    );
  });

  it("reports an unknown group with exit 5", async () => {
    const r = await cli.run("group add-member nosuch alice");
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(
      /^error: no group "nosuch" in organization acme \(m-[0-9a-f]{32}\)\nhint: see `wmctl group list`\n$/,
    );
  });
});

describe("wmctl group update / enable / disable", () => {
  it("toggles global address list visibility and refuses an empty update", async () => {
    await cli.ok("group create sales");
    expect((await cli.json<GroupJson>("group update sales --hidden")).hiddenFromGlobalAddressList).toBe(true);
    expect((await cli.json<GroupJson>("group update sales --no-hidden")).hiddenFromGlobalAddressList).toBe(false);
    const r = await cli.run("group update sales");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: nothing to update\nhint: pass --email, --hidden or --no-hidden\n");
  });

  it("changes the primary address of an enabled group, and hints to enable a disabled one first", async () => {
    await cli.ok("group create sales");
    const g = await cli.json<GroupJson>("group update sales --email team@acme.awsapps.com");
    expect(g.email).toBe("team@acme.awsapps.com");
    await cli.ok("group create auditors --no-enable");
    const r = await cli.run("group update auditors --email audit@acme.awsapps.com");
    expect(r.code).toBe(6);
    expect(r.stderr).toContain(
      "hint: enable the group first: wmctl group enable auditors --email audit@acme.awsapps.com\n",
    );
  });

  it("names the domain to add when the new address is on a domain the organization does not have", async () => {
    await cli.ok("group create sales");
    const r = await cli.run("group update sales --email sales@other.example");
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(
      /^error: MailDomainNotFoundException: .*\nhint: add the domain first: wmctl domain add other\.example, or pass another --email\n$/,
    );
  });

  it("disables and re-enables a group with its previous address; repeating either is harmless", async () => {
    await cli.ok("group create sales --email team@acme.awsapps.com");
    const off = await cli.ok("group disable sales -o json");
    expect(JSON.parse(off.stdout)).toMatchObject({ state: "DISABLED", email: "team@acme.awsapps.com" });
    expect(off.stderr).toBe("✓ Disabled group sales\n");
    expect((await cli.ok("group disable sales")).stderr).toBe("Group sales is already disabled\n");
    const on = await cli.ok("group enable sales -o json");
    expect(JSON.parse(on.stdout)).toMatchObject({ state: "ENABLED", email: "team@acme.awsapps.com" });
    expect((await cli.ok("group enable sales")).stderr).toBe(
      "Group sales is already enabled as team@acme.awsapps.com\n",
    );
    const dry = await cli.ok("group disable sales --dry-run");
    expect(dry.stdout).toBe("would DeregisterFromWorkMail sales\n");
  });

  it("takes a local part for --email: on the default domain to create or enable, on the current domain to update", async () => {
    expect((await cli.json<GroupJson>("group create ops --email Ops-Team")).email).toBe("ops-team@acme.awsapps.com");
    const dry = await cli.ok("group update ops --email ops --dry-run");
    expect(dry.stdout).toBe("would UpdatePrimaryEmailAddress ops  email=ops@acme.awsapps.com\n");
    expect((await cli.json<GroupJson>("group update ops --email ops")).email).toBe("ops@acme.awsapps.com");
    await cli.ok("group create audit --no-enable");
    expect((await cli.json<GroupJson>("group enable audit --email auditors")).email).toBe("auditors@acme.awsapps.com");
  });

  it("enables a group created disabled on <name>@<default domain>", async () => {
    await cli.ok(["group", "create", "Ops Team", "--no-enable"]);
    expect((await cli.json<GroupJson>(["group", "enable", "Ops Team"])).email).toBe("ops-team@acme.awsapps.com");
  });
});

describe("wmctl group delete", () => {
  it("needs --yes without a terminal; --dry-run shows both steps for an enabled group", async () => {
    await cli.ok("group create sales --member alice");
    const refused = await cli.run("group delete sales");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      "error: Group sales is enabled (sales@acme.awsapps.com). Disable it and delete it for good: confirmation needed\nhint: pass --yes to confirm without a prompt\n",
    );
    const dry = await cli.ok("group delete sales --dry-run");
    expect(dry.stdout).toMatch(/^would DeregisterFromWorkMail sales\nwould DeleteGroup sales  id=[0-9a-f-]{36}\n$/);
    expect((await cli.json<GroupJson>("group describe sales")).state).toBe("ENABLED");
  });

  it("disables then deletes with --yes, frees the name and address, and says so", async () => {
    await cli.ok("group create sales --member alice");
    const r = await cli.ok("group delete sales --yes");
    expect(r.stderr).toBe("✓ Disabled group sales\n✓ Deleted group sales\n");
    expect(r.stdout).toMatch(/^[0-9a-f-]{36}\tsales\t\tDELETED\t\t\t\n$/);
    expect((await cli.ok("group list --state DELETED --fields name,state")).stdout).toBe("sales\tDELETED\n");
    expect((await cli.ok("group list --with-member alice")).stdout).toBe("");
    await cli.ok("group create sales");
  });

  it("asks on a terminal, and declining changes nothing (exit 130)", async () => {
    await cli.ok("group create sales");
    const prompter = new ScriptedPrompter([false]);
    const r = await cli.run("group delete sales", { prompter });
    expect(r.code).toBe(130);
    expect(prompter.asked).toEqual([
      "Group sales is enabled (sales@acme.awsapps.com). Disable it and delete it for good?",
    ]);
    expect((await cli.json<GroupJson>("group describe sales")).state).toBe("ENABLED");
    const yes = new ScriptedPrompter([true]);
    await cli.ok("group disable sales");
    await cli.ok("group delete sales", { prompter: yes });
    expect(yes.asked).toEqual(["Delete group sales for good?"]);
  });
});

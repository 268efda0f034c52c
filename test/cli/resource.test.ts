import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";
import { seedUsers } from "../helpers/seed-users.js";

let cli: CliHarness;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
  await seedUsers(cli.home, ["alice", "bob"]);
});
afterEach(() => cli.cleanup());

interface ResourceJson {
  id: string;
  name: string;
  type: string;
  email?: string;
  state: string;
  description?: string;
  hiddenFromGlobalAddressList?: boolean;
  autoAcceptRequests?: boolean;
  autoDeclineRecurringRequests?: boolean;
  autoDeclineConflictingRequests?: boolean;
  delegates?: string[];
}

describe("wmctl resource create", () => {
  it("creates and enables a room with the service's default booking options", async () => {
    const r = await cli.ok([
      "resource",
      "create",
      "room-101",
      "--type",
      "room",
      "--description",
      "12 seats",
      "-o",
      "json",
    ]);
    const room = JSON.parse(r.stdout) as ResourceJson;
    expect(room).toMatchObject({
      name: "room-101",
      type: "ROOM",
      email: "room-101@acme.awsapps.com",
      state: "ENABLED",
      description: "12 seats",
      autoAcceptRequests: true,
      autoDeclineRecurringRequests: false,
      autoDeclineConflictingRequests: true,
      delegates: [],
    });
    expect(room.id).toMatch(/^r-[0-9a-f]{32}$/);
    expect(r.stderr).toBe(`✓ Created room room-101 (${room.id})\n✓ Enabled room-101 as room-101@acme.awsapps.com\n`);
  });

  it("sets booking options and delegates in one go, delegates first", async () => {
    await cli.ok("group create facilities --member bob");
    const van = await cli.json<ResourceJson>(
      "resource create van-1 --type EQUIPMENT --no-auto-accept --decline-recurring --delegate alice,facilities",
    );
    expect(van).toMatchObject({
      type: "EQUIPMENT",
      autoAcceptRequests: false,
      autoDeclineRecurringRequests: true,
      autoDeclineConflictingRequests: true,
      delegates: ["alice", "facilities"],
    });
    expect((await cli.ok("resource delegates van-1")).stdout).toBe(
      "alice\tUSER\talice@acme.awsapps.com\tENABLED\nfacilities\tGROUP\tfacilities@acme.awsapps.com\tENABLED\n",
    );
  });

  it("refuses --no-auto-accept without a delegate before creating anything", async () => {
    const r = await cli.run("resource create van-1 --type equipment --no-auto-accept");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: --no-auto-accept needs a delegate to answer booking requests\nhint: add --delegate USER_OR_GROUP\n",
    );
    expect((await cli.ok("resource list")).stdout).toBe("");
  });

  it("checks the type and the model's name rules", async () => {
    const t = await cli.run("resource create car --type vehicle");
    expect(t.code).toBe(2);
    expect(t.stderr).toBe('error: invalid value "vehicle" for --type\nhint: use one of: room, equipment\n');
    const missing = await cli.run("resource create car");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required option --type");
    const long = await cli.run("resource create a-very-long-room-name-1 --type room --no-enable");
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(
      /^error: ValidationException: 1 validation error detected: Value 'a-very-long-room-name-1' at 'name' failed to satisfy constraint: Member must have length less than or equal to 20\n$/,
    );
  });

  it("converges on re-run: an existing resource gets the flags asked for", async () => {
    await cli.ok("resource create room-101 --type room");
    const again = await cli.ok(
      "resource create room-101 --type room --description updated --delegate alice --no-auto-accept -o json",
    );
    expect(JSON.parse(again.stdout)).toMatchObject({
      description: "updated",
      autoAcceptRequests: false,
      delegates: ["alice"],
    });
    expect(again.stderr).toMatch(/^Resource room-101 already exists \(r-[0-9a-f]{32}\)\n/);
    expect((await cli.ok("resource list --fields name")).stdout).toBe("room-101\n");
  });

  it("keeps the resource's own address on a re-run, and takes a local part for --email", async () => {
    await cli.ok("resource create room-101 --type room --email conf");
    await cli.ok("resource disable room-101");
    const again = await cli.ok("resource create room-101 --type room -o json");
    expect(JSON.parse(again.stdout)).toMatchObject({ state: "ENABLED", email: "conf@acme.awsapps.com" });
    expect(again.stderr).toContain("✓ Enabled room-101 as conf@acme.awsapps.com\n");
    expect((await cli.json<ResourceJson>("resource update room-101 --email conference")).email).toBe(
      "conference@acme.awsapps.com",
    );
  });

  it("prints the plan with --dry-run", async () => {
    const r = await cli.ok("resource create van-1 --type equipment --delegate alice --no-auto-accept --dry-run");
    expect(r.stdout).toBe(
      "would CreateResource van-1  type=EQUIPMENT\n" +
        "would RegisterToWorkMail van-1  email=van-1@acme.awsapps.com\n" +
        "would AssociateDelegateToResource van-1  delegate=alice\n" +
        "would UpdateResource van-1  AutoAcceptRequests=false AutoDeclineRecurringRequests=false AutoDeclineConflictingRequests=true\n",
    );
    expect((await cli.ok("resource list")).stdout).toBe("");
  });
});

describe("wmctl resource list / describe", () => {
  beforeEach(async () => {
    await cli.ok("resource create room-a --type room --description 'big room'");
    await cli.ok("resource create room-b --type room --no-enable");
    await cli.ok("resource create projector --type equipment");
  });

  it("prints a table on a terminal, TSV when piped, JSON with -o json", async () => {
    const tty = await cli.ok("resource list", { tty: true });
    const lines = tty.stdout
      .trimEnd()
      .split("\n")
      .map((l) => l.trimEnd().split(/\s{2,}/));
    expect(lines).toEqual([
      ["NAME", "TYPE", "EMAIL", "STATE", "DESCRIPTION"],
      ["room-a", "ROOM", "room-a@acme.awsapps.com", "ENABLED", "big room"],
      ["room-b", "ROOM", "-", "DISABLED", "-"],
      ["projector", "EQUIPMENT", "projector@acme.awsapps.com", "ENABLED", "-"],
    ]);
    expect((await cli.ok("resource list")).stdout).toBe(
      "room-a\tROOM\troom-a@acme.awsapps.com\tENABLED\tbig room\nroom-b\tROOM\t\tDISABLED\t\nprojector\tEQUIPMENT\tprojector@acme.awsapps.com\tENABLED\t\n",
    );
    expect((await cli.json<ResourceJson[]>("resource list")).map((r) => r.name)).toEqual([
      "room-a",
      "room-b",
      "projector",
    ]);
  });

  it("filters by type, prefix and state together", async () => {
    expect((await cli.ok("resource list --type room --fields name")).stdout).toBe("room-a\nroom-b\n");
    expect((await cli.ok("resource list --prefix room --state ENABLED --fields name")).stdout).toBe("room-a\n");
    expect((await cli.ok("resource list --type equipment --state DISABLED -o json")).stdout).toBe("[]\n");
  });

  it("describes by name, email or id", async () => {
    const byEmail = await cli.json<ResourceJson>("resource describe room-a@acme.awsapps.com");
    expect((await cli.json<ResourceJson>(`resource describe ${byEmail.id}`)).name).toBe("room-a");
    expect((await cli.ok("resource describe room-a --fields autoAcceptRequests,delegates")).stdout).toBe("true\t\n");
    const r = await cli.run("resource describe nosuch");
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(
      /^error: no resource "nosuch" in organization acme \(m-[0-9a-f]{32}\)\nhint: see `wmctl resource list`\n$/,
    );
  });
});

describe("wmctl resource update and booking rules", () => {
  beforeEach(async () => {
    await cli.ok("resource create room-101 --type room --description '12 seats'");
  });

  it("refuses to stop auto-accepting without a delegate: exit 6, the service's error and a hint", async () => {
    const r = await cli.run("resource update room-101 --no-auto-accept");
    expect(r.code).toBe(6);
    expect(r.stderr).toBe(
      "error: InvalidConfigurationException: The resource room-101 must either be able to auto-respond to requests or have at least one delegate; associate a delegate before turning AutoAcceptRequests off.\n" +
        "hint: add a delegate first: wmctl resource add-delegate room-101 USER_OR_GROUP\n",
    );
    await cli.ok("resource add-delegate room-101 alice");
    const ok = await cli.json<ResourceJson>("resource update room-101 --no-auto-accept");
    expect(ok).toMatchObject({
      autoAcceptRequests: false,
      autoDeclineRecurringRequests: false,
      autoDeclineConflictingRequests: true,
      delegates: ["alice"],
    });
  });

  it("changes only the booking options named, and the other details", async () => {
    await cli.ok("resource update room-101 --decline-recurring");
    await cli.ok("resource update room-101 --no-decline-conflicting");
    const r = await cli.json<ResourceJson>(
      "resource update room-101 --name room-102 --type equipment --description '' --hidden",
    );
    expect(r).toMatchObject({
      name: "room-102",
      type: "EQUIPMENT",
      hiddenFromGlobalAddressList: true,
      autoAcceptRequests: true,
      autoDeclineRecurringRequests: true,
      autoDeclineConflictingRequests: false,
    });
    expect(r.description).toBeUndefined();
    // The address does not follow the name; --email changes it.
    expect(r.email).toBe("room-101@acme.awsapps.com");
    expect((await cli.json<ResourceJson>("resource update room-102 --email room-102@acme.awsapps.com")).email).toBe(
      "room-102@acme.awsapps.com",
    );
  });

  it("refuses a name in use with exit 6, and an empty update with exit 2", async () => {
    const r = await cli.run("resource update room-101 --name alice");
    expect(r.code).toBe(6);
    expect(r.stderr).toContain(
      "error: NameAvailabilityException: The name alice is already used by a user in this organization.\n",
    );
    const none = await cli.run("resource update room-101");
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: nothing to update\n/);
  });

  it("prints the full booking set it would send with --dry-run", async () => {
    const r = await cli.ok("resource update room-101 --decline-recurring --dry-run");
    expect(r.stdout).toBe(
      "would UpdateResource room-101  AutoAcceptRequests=true AutoDeclineRecurringRequests=true AutoDeclineConflictingRequests=true\n",
    );
    expect((await cli.json<ResourceJson>("resource describe room-101")).autoDeclineRecurringRequests).toBe(false);
  });
});

describe("wmctl resource delegates", () => {
  beforeEach(async () => {
    await cli.ok("resource create van-1 --type equipment --delegate alice --no-auto-accept");
  });

  it("adds and removes delegates, warning when nobody is left to answer requests", async () => {
    await cli.ok("resource add-delegate van-1 bob@acme.awsapps.com");
    expect((await cli.ok("resource delegates van-1 --fields name")).stdout).toBe("alice\nbob\n");
    const one = await cli.ok("resource remove-delegate van-1 alice");
    expect(one.stderr).toBe("✓ Removed alice from the delegates of van-1\n");
    const last = await cli.ok("resource remove-delegate van-1 bob");
    expect(last.stderr).toBe(
      "✓ Removed bob from the delegates of van-1\n" +
        "! van-1 has no delegate left and does not accept requests automatically: nobody will answer its booking requests. Fix: wmctl resource update van-1 --auto-accept, or add a delegate\n",
    );
    expect((await cli.ok("resource delegates van-1 -o json")).stdout).toBe("[]\n");
  });

  it("reports a delegate that is not one with exit 5, and a resource as delegate with exit 5", async () => {
    const r = await cli.run("resource remove-delegate van-1 bob");
    expect(r.code).toBe(5);
    expect(r.stderr).toBe(
      "error: EntityNotFoundException: bob is not a delegate of the resource van-1.\nhint: see its delegates: wmctl resource delegates van-1\n",
    );
    await cli.ok("resource create room-1 --type room");
    const res = await cli.run("resource add-delegate van-1 room-1");
    expect(res.code).toBe(5);
    expect(res.stderr).toMatch(/^error: no user or group "room-1" in organization/);
  });
});

describe("wmctl resource enable / disable / delete", () => {
  it("disables (keeping delegates), deletes a disabled resource with --yes, and frees the name", async () => {
    await cli.ok("resource create room-101 --type room --delegate alice");
    const off = await cli.ok("resource disable room-101 -o json");
    expect(JSON.parse(off.stdout)).toMatchObject({ state: "DISABLED", email: "room-101@acme.awsapps.com" });
    expect(off.stderr).toBe("✓ Disabled resource room-101 (it can be enabled again within 30 days)\n");
    expect((await cli.ok("resource delegates room-101 --fields name")).stdout).toBe("alice\n");
    const del = await cli.ok("resource delete room-101 --yes");
    expect(del.stderr).toBe("✓ Deleted resource room-101\n");
    expect((await cli.ok("resource list --fields name,state")).stdout).toBe("room-101\tDELETED\n");
    await cli.ok("resource create room-101 --type room");
  });

  it("disables an enabled resource first, after confirmation", async () => {
    await cli.ok("resource create room-101 --type room");
    const refused = await cli.run("resource delete room-101");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "Resource room-101 is enabled (room-101@acme.awsapps.com). Disable it and delete it for good: confirmation needed",
    );
    const dry = await cli.ok("resource rm room-101 --dry-run");
    expect(dry.stdout).toMatch(
      /^would DeregisterFromWorkMail room-101\nwould DeleteResource room-101  id=r-[0-9a-f]{32}\n$/,
    );
    const r = await cli.ok("resource delete room-101 --yes");
    expect(r.stderr).toBe("✓ Disabled resource room-101\n✓ Deleted resource room-101\n");
  });

  it("re-enables a disabled resource with its previous address", async () => {
    await cli.ok("resource create room-101 --type room --email conf@acme.awsapps.com");
    await cli.ok("resource disable room-101");
    expect((await cli.json<ResourceJson>("resource enable room-101")).email).toBe("conf@acme.awsapps.com");
    expect((await cli.ok("resource enable room-101")).stderr).toBe(
      "Resource room-101 is already enabled as conf@acme.awsapps.com\n",
    );
    const other = await cli.run("resource enable room-101 --email other@acme.awsapps.com");
    expect(other.code).toBe(6);
    expect(other.stderr).toContain("error: EntityAlreadyRegisteredException:");
    expect(other.stderr).toContain(
      "hint: change its primary address instead: wmctl resource update room-101 --email other@acme.awsapps.com\n",
    );
  });
});

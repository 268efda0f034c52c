import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalBackend } from "../../src/local-backend/index.js";
import { CliHarness } from "../helpers/run-cli.js";

let cli: CliHarness;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
  await cli.ok("user create bob --generate-password --first-name Bob --last-name Smith --alias bobby,robert");
  await cli.ok("user create carol --generate-password --disabled");
  await cli.ok("group create sales --member bob");
  await cli.ok("group create 'All Staff' --member sales,carol");
  await cli.ok("resource create room-1 --type room --description '12 seats' --delegate sales --no-auto-accept");
});
afterEach(() => cli.cleanup());

const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
const hasDomains = LocalBackend.implements("ListMailDomains") && LocalBackend.implements("GetMailDomain");

describe("wmctl org inventory", () => {
  it("prints a summary per area; areas the backend does not implement are skipped with a warning", async () => {
    const r = await cli.ok("org inventory");
    const rows = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => l.split("\t"));
    expect(rows.slice(0, 7).map((c) => c[0])).toEqual([
      "organization",
      "domains",
      "users",
      "groups",
      "resources",
      "mailboxes",
      "mailbox-permissions",
    ]);
    expect(rows.filter((c) => ["organization", "users", "groups", "resources"].includes(c[0] ?? ""))).toEqual([
      ["organization", "ok", "1", ""],
      ["users", "ok", "2", ""],
      ["groups", "ok", "2", ""],
      ["resources", "ok", "1", ""],
    ]);
    if (!hasDomains) {
      expect(rows[1]?.slice(0, 2)).toEqual(["domains", "skipped"]);
      expect(r.stderr).toContain(
        "! domains: skipped, not supported by this backend: UnsupportedOperationException: ListMailDomains is not implemented by the wmctl local simulator yet",
      );
    }
    expect(r.stderr).toContain("Taking the inventory of acme...\n");
    expect(r.stderr).toContain(
      "Nothing was written: pass --out DIR to keep the inventory (or -o json for the document)\n",
    );
  });

  it("shows the summary as a table on a terminal", async () => {
    const r = await cli.ok("org inventory", { tty: true });
    expect(r.stdout.split("\n")[0]).toMatch(/^AREA\s+STATUS\s+ITEMS\s+NOTE\s*$/);
    expect(r.stdout).toMatch(/^users\s+ok\s+2\s+-\s*$/m);
  });

  it("-o json prints the whole document: format, source, every area by names and emails", async () => {
    const doc = await cli.json<Record<string, unknown>>("org inventory");
    expect(doc).toMatchObject({
      format: "wmctl-inventory",
      formatVersion: 2,
      wmctlVersion: VERSION,
      source: { alias: "acme", region: "us-east-1", backend: "local" },
      files: [],
    });
    // No service ids in the areas: they are in source.ids, for reference (issue #11 item 14).
    const source = doc.source as {
      organizationId: string;
      ids: {
        organization: { id: string };
        users: Record<string, string>;
        groups: Record<string, string>;
        resources: Record<string, string>;
      };
    };
    expect(source.ids.organization.id).toBe(source.organizationId);
    expect(Object.keys(source.ids.users)).toEqual(["bob", "carol"]);
    expect(Object.keys(source.ids.groups).sort()).toEqual(["All Staff", "sales"]);
    expect(Object.keys(source.ids.resources)).toEqual(["room-1"]);
    const areasText = JSON.stringify(doc.areas);
    for (const id of [
      source.organizationId,
      ...Object.values(source.ids.users),
      ...Object.values(source.ids.groups),
      ...Object.values(source.ids.resources),
    ])
      expect(areasText).not.toContain(id);
    expect(areasText).not.toMatch(/"id":/);
    const areas = doc.areas as Record<string, Array<Record<string, unknown>>>;
    expect(areas.users?.map((u) => [u.name, u.email, u.state, u.aliases])).toEqual([
      ["bob", "bob@acme.awsapps.com", "ENABLED", ["bobby@acme.awsapps.com", "robert@acme.awsapps.com"]],
      ["carol", undefined, "DISABLED", []],
    ]);
    expect(areas.users?.[0]).toMatchObject({
      firstName: "Bob",
      lastName: "Smith",
      displayName: "Bob Smith",
      role: "USER",
      hidden: false,
    });
    expect(areas.groups?.map((g) => [g.name, g.members])).toEqual([
      [
        "All Staff",
        [
          { name: "carol", type: "USER" },
          { name: "sales", type: "GROUP" },
        ],
      ],
      ["sales", [{ name: "bob", type: "USER" }]],
    ]);
    expect(areas.resources?.[0]).toMatchObject({
      name: "room-1",
      type: "ROOM",
      description: "12 seats",
      bookingOptions: {
        autoAcceptRequests: false,
        autoDeclineRecurringRequests: false,
        autoDeclineConflictingRequests: true,
      },
      delegates: [{ name: "sales", type: "GROUP" }],
    });
    expect(JSON.stringify(doc)).not.toMatch(/password/i);
  });

  it("--table prints one table in the chosen format", async () => {
    expect((await cli.ok("org inventory --table group-members -o csv")).stdout).toBe(
      "group,member,memberType\nAll Staff,carol,USER\nAll Staff,sales,GROUP\nsales,bob,USER\n",
    );
    expect((await cli.ok("org inventory --table aliases")).stdout).toBe(
      "bob\tUSER\tbob@acme.awsapps.com\tbobby@acme.awsapps.com\nbob\tUSER\tbob@acme.awsapps.com\trobert@acme.awsapps.com\n",
    );
    const rows = await cli.json<Array<Record<string, unknown>>>("org inventory --table resources");
    expect(rows).toEqual([
      expect.objectContaining({ name: "room-1", autoAcceptRequests: false, delegates: 1, aliases: [] }),
    ]);
  });

  it("--table collects only the areas its table is made of", async () => {
    const users = await cli.ok("org inventory --table users --debug");
    expect(users.stderr).toMatch(/\[debug\] inventory: \d+ API calls .*describeUser 2/);
    expect(users.stderr).not.toMatch(/describeGroup|describeResource|listMailboxPermissions|listAccessControlRules/);
    const aliases = await cli.ok("org inventory --table aliases --debug");
    for (const call of ["describeUser 2", "describeGroup 2", "describeResource 1"])
      expect(aliases.stderr).toContain(call);
    expect(aliases.stderr).not.toContain("listMailboxPermissions");
    // A policy area's table reads that area only.
    const tags = await cli.ok("org inventory --table tags --debug");
    expect(tags.stdout).toBe("");
    expect(tags.stderr).toContain("listTagsForResource");
    expect(tags.stderr).not.toMatch(/listAccessControlRules|listImpersonationRoles|describeUser/);
  });

  it("--out writes inventory.json and the CSV files and lists them in the document", async () => {
    const out = join(cli.home, "acme-inventory");
    const r = await cli.ok(["org", "inventory", "--out", out]);
    expect(r.stderr).toMatch(
      new RegExp(
        `✓ Inventory of acme written to ${out}: inventory.json and \\d+ CSV files \\(\\d+ API calls, [0-9.]+ s\\)`,
      ),
    );
    const doc = JSON.parse(readFileSync(join(out, "inventory.json"), "utf8")) as { files: string[] };
    expect(doc.files).toEqual(
      expect.arrayContaining([
        "organization.csv",
        "users.csv",
        "groups.csv",
        "group-members.csv",
        "resources.csv",
        "resource-delegates.csv",
        "aliases.csv",
      ]),
    );
    expect(readdirSync(out).sort()).toEqual([...doc.files, "inventory.json"].sort());
    expect(readFileSync(join(out, "resource-delegates.csv"), "utf8")).toBe(
      "resource,delegate,delegateType\nroom-1,sales,GROUP\n",
    );
    // Again into the same folder: the earlier inventory is replaced.
    await cli.ok(["org", "inventory", "--out", out]);
  });

  it("refuses ambiguous or impossible requests before collecting anything", async () => {
    const csv = await cli.run("org inventory -o csv");
    expect(csv.code).toBe(2);
    expect(csv.stderr).toBe(
      "error: CSV holds one table at a time\nhint: pass --table NAME (organization, domains, domain-records, users ...), or --out DIR for every table\n",
    );
    const both = await cli.run("org inventory --out x --table users");
    expect(both.code).toBe(2);

    const notEmpty = join(cli.home, "busy");
    mkdirSync(notEmpty);
    writeFileSync(join(notEmpty, "notes.txt"), "keep me");
    const busy = await cli.run(["org", "inventory", "--out", notEmpty]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain(`error: --out ${notEmpty} is not empty and holds no wmctl inventory`);
    expect(busy.stderr).not.toContain("Taking the inventory");
    // A mistyped table is refused before any area is read (issue #11 item 8).
    const table = await cli.run("org inventory --table nope");
    expect(table.code).toBe(2);
    expect(table.stderr).toMatch(
      /^error: no table "nope" in an inventory\nhint: tables: organization, .*users, groups, group-members, .*mobile-rules, mobile-overrides, .*tags\n$/,
    );
  });
});

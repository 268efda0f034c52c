import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InventoryDocument } from "../../src/inventory/document.js";
import { comparableInventory } from "../helpers/inventory-compare.js";
import { CliHarness, type RunOptions } from "../helpers/run-cli.js";
import { ScriptedPrompter } from "../helpers/scripted-prompter.js";

// wmctl apply -f: the organization as a document (the inventory format), planned and applied.
let cli: CliHarness;
let file: string;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
  await cli.ok("user create bob --generate-password --first-name Bob --alias bobby");
  await cli.ok("user create dave --generate-password");
  await cli.ok("user create erin --generate-password");
  await cli.ok("group create sales --member bob --member dave");
  await cli.ok("resource create room-1 --type room --delegate sales");
  await cli.ok("mailbox permissions grant bob erin -p FULL_ACCESS");
  file = join(cli.home, "org.json");
  writeFileSync(file, (await cli.ok("org inventory -o json")).stdout);
});
afterEach(() => cli.cleanup());

const apply = (...args: Array<string | RunOptions>) =>
  cli.run(
    ["apply", "-f", file, ...args.filter((a): a is string => typeof a === "string")],
    args.find((a): a is RunOptions => typeof a !== "string") ?? {},
  );
const readDoc = () => JSON.parse(readFileSync(file, "utf8")) as InventoryDocument;
const writeDoc = (doc: InventoryDocument) => writeFileSync(file, JSON.stringify(doc, null, 2));
const inventory = async () => JSON.parse((await cli.ok("org inventory -o json")).stdout) as InventoryDocument;
const rows = (stdout: string) =>
  stdout
    .trimEnd()
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.split("\t").slice(0, 3).join(" "));

/** The document an admin edits: add carol (with an alias, in sales), rename bob, drop dave. */
function edit(doc: InventoryDocument): void {
  const a = doc.areas;
  const bob = a.users?.find((u) => u.name === "bob");
  if (bob === undefined) throw new Error("no bob");
  bob.displayName = "Bob Builder";
  a.users = [
    ...(a.users ?? []).filter((u) => u.name !== "dave"),
    {
      name: "carol",
      email: "carol@acme.awsapps.com",
      state: "ENABLED",
      role: "USER",
      hidden: false,
      aliases: ["cc@acme.awsapps.com"],
      displayName: "Carol",
    },
  ];
  const sales = a.groups?.find((g) => g.name === "sales");
  if (sales === undefined) throw new Error("no sales");
  sales.members = [
    { name: "bob", type: "USER" },
    { name: "carol", type: "USER" },
  ];
  a.users.sort((x, y) => (x.name < y.name ? -1 : 1));
  a.mailboxes = [
    ...(a.mailboxes ?? []).filter((m) => m.user !== "dave"),
    { user: "carol", email: "carol@acme.awsapps.com", quotaMb: 51_200 },
  ].sort((x, y) => (x.user < y.user ? -1 : 1));
}

describe("wmctl apply", () => {
  it("an inventory of the organization is a document with nothing to do", async () => {
    const r = await apply("--plan", "--prune", "--detailed-exitcode");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("No changes: acme matches the document\n");
    const again = await apply("--prune", "--yes");
    expect(again.code).toBe(0);
    expect(again.stderr).toBe("✓ No changes: acme already matches the document\n");
  });

  it("plans exactly the edits, applies them in order, and the organization's inventory then equals the document", async () => {
    const doc = readDoc();
    edit(doc);
    writeDoc(doc);

    const plan = await apply("--plan");
    expect(plan.code).toBe(0);
    expect(rows(plan.stdout)).toEqual([
      "update users bob",
      "create users carol",
      "create group-members sales <- carol",
      "create aliases carol cc@acme.awsapps.com",
    ]);
    expect(plan.stdout).toContain('update\tusers\tbob\tdisplayName "Bob" -> "Bob Builder"\n');
    expect(plan.stdout).toContain("create\tusers\tcarol\tenabled as carol@acme.awsapps.com\n");
    // Without --prune nothing is deleted, and the note says what --prune would delete.
    // (dave's membership of sales goes with him: it is not listed on its own)
    expect(plan.stderr).toContain(
      "1 thing is in acme and not in the document; --prune would delete:\n  - users dave\nPlan:",
    );
    expect(plan.stderr).toContain("Plan: 3 to create, 1 to update, 0 to delete\n");
    const detailed = await apply("--plan", "--detailed-exitcode");
    expect(detailed.code).toBe(3);
    expect((await apply("--detailed-exitcode")).stderr).toBe(
      "error: --detailed-exitcode goes with --plan\nhint: wmctl apply -f FILE --plan --detailed-exitcode (exit 3 when there are changes)\n",
    );
    expect(detailed.stderr).toContain("error: acme differs from the document: 4 changes\n");

    const pruned = await apply("--plan", "--prune", "-o", "json");
    expect(pruned.code).toBe(0);
    const changes = JSON.parse(pruned.stdout) as Array<{ action: string; area: string; target: string }>;
    // dave's delete removes him from sales: the membership is not deleted separately.
    expect(changes.map((c) => `${c.action} ${c.area} ${c.target}`)).toEqual([
      "delete users dave",
      "update users bob",
      "create users carol",
      "create group-members sales <- carol",
      "create aliases carol cc@acme.awsapps.com",
    ]);
    expect((await cli.json<Array<{ name: string }>>("user list")).map((u) => u.name).sort()).toEqual([
      "bob",
      "dave",
      "erin",
    ]);

    const applied = await apply("--prune", "--yes");
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain("1 thing is in acme and not in the document:\n  - users dave\n");
    expect(applied.stderr).toContain("✓ Applied: 3 created, 1 updated, 1 deleted\n");
    expect(applied.stdout).toContain("delete\tusers\tdave\tDeregisterFromWorkMail+DeleteUser\tdone\n");

    const after = await inventory();
    expect(comparableInventory(after)).toEqual(comparableInventory(doc));
    const second = await apply("--plan", "--prune", "--detailed-exitcode");
    expect(second.code).toBe(0);
    expect(second.stdout).toBe("");
  });

  it("--prune asks first: without a terminal it needs --yes, and nothing is deleted before", async () => {
    const doc = readDoc();
    doc.areas.users = doc.areas.users?.filter((u) => u.name !== "dave");
    doc.areas.mailboxes = doc.areas.mailboxes?.filter((m) => m.user !== "dave");
    doc.areas.groups = doc.areas.groups?.map((g) => ({ ...g, members: g.members.filter((m) => m.name !== "dave") }));
    doc.areas["mailbox-permissions"] = [];
    writeDoc(doc);
    const r = await apply("--prune");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "2 things are in acme and not in the document:\n  - mailbox-permissions bob -> erin\n  - users dave\n",
    );
    expect(r.stderr).toContain(
      "error: Delete these 2 from acme: confirmation needed\nhint: pass --yes to confirm without a prompt\n",
    );
    const names = async () => (await cli.json<Array<{ name: string }>>("user list")).map((u) => u.name).sort();
    expect(await names()).toEqual(["bob", "dave", "erin"]);
    const dry = await apply("--prune", "--dry-run");
    expect(dry.code).toBe(0);
    expect(rows(dry.stdout)).toEqual(["delete mailbox-permissions bob -> erin", "delete users dave"]);
    expect(await names()).toEqual(["bob", "dave", "erin"]);
    expect((await apply("--prune", "--yes")).code).toBe(0);
    expect(await names()).toEqual(["bob", "erin"]);
    expect(await cli.json("mailbox permissions list bob")).toEqual([]);
  });

  it("--prune removes the aliases, members, delegates and domains the document lacks on what it keeps", async () => {
    await cli.ok("domain add example.org");
    const doc = readDoc();
    const bob = doc.areas.users?.find((u) => u.name === "bob");
    if (bob !== undefined) bob.aliases = [];
    doc.areas.groups = doc.areas.groups?.map((g) => ({ ...g, members: g.members.filter((m) => m.name !== "dave") }));
    doc.areas.resources = doc.areas.resources?.map((r) => ({ ...r, delegates: [] }));
    writeDoc(doc);
    const plan = await apply("--plan", "--prune");
    expect(plan.code, plan.stderr).toBe(0);
    expect(rows(plan.stdout)).toEqual([
      "delete group-members sales <- dave",
      "delete resource-delegates room-1 <- sales",
      "delete aliases bob bobby@acme.awsapps.com",
      "delete domains example.org",
    ]);
    const r = await apply("--prune", "--yes");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("✓ Applied: 0 created, 0 updated, 4 deleted\n");
    expect(comparableInventory(await inventory())).toEqual(comparableInventory(doc));
    expect((await apply("--plan", "--prune", "--detailed-exitcode")).code).toBe(0);
  });

  it("on a terminal: the plan is a table, and --prune asks, listing what goes (declining changes nothing)", async () => {
    const doc = readDoc();
    doc.areas.users = doc.areas.users?.filter((u) => u.name !== "dave");
    doc.areas.mailboxes = doc.areas.mailboxes?.filter((m) => m.user !== "dave");
    doc.areas.groups = doc.areas.groups?.map((g) => ({ ...g, members: g.members.filter((m) => m.name !== "dave") }));
    const bob = doc.areas.users?.find((u) => u.name === "bob");
    if (bob !== undefined) bob.city = "Lyon";
    writeDoc(doc);
    const plan = await apply("--plan", "--prune", { tty: true });
    expect(plan.stdout).toMatch(/^ACTION +AREA +TARGET +CHANGE *\n/);
    expect(plan.stdout).toMatch(/^delete +users +dave +DeregisterFromWorkMail\+DeleteUser *$/m);
    expect(plan.stdout).toMatch(/^update +users +bob +city \(none\) -> "Lyon" *$/m);

    const no = new ScriptedPrompter([false]);
    const declined = await apply("--prune", { prompter: no });
    expect(declined.code).toBe(130);
    expect(no.asked).toEqual(["Delete it from acme?"]);
    expect(declined.stderr).toContain("1 thing is in acme and not in the document:\n  - users dave\n");
    expect((await cli.json<Array<{ name: string }>>("user list")).map((u) => u.name)).toContain("dave");
    expect((await cli.json<{ city?: string }>("user describe bob")).city).toBeUndefined();

    const yes = await apply("--prune", { prompter: new ScriptedPrompter([true]) });
    expect(yes.code, yes.stderr).toBe(0);
    expect((await cli.json<Array<{ name: string }>>("user list")).map((u) => u.name)).not.toContain("dave");
    expect((await cli.json<{ city?: string }>("user describe bob")).city).toBe("Lyon");
  });

  it("takes a hand-written YAML document from stdin, with defaults for what it leaves out", async () => {
    const yaml = [
      "users:",
      "  - name: bob",
      "    email: bob@acme.awsapps.com",
      "    aliases: [bobby@acme.awsapps.com]",
      "  - name: frank",
      "    email: frank@acme.awsapps.com",
      "    displayName: Frank",
      "  - name: gina            # no address: created disabled",
      "groups:",
      "  - name: ops",
      "    email: ops@acme.awsapps.com",
      "    members: [frank, gina]",
      "",
    ].join("\n");
    const plan = await cli.run(["apply", "-f", "-", "--plan"], { stdin: yaml });
    expect(plan.code).toBe(0);
    expect(rows(plan.stdout)).toEqual([
      "create users frank",
      "create users gina",
      "create groups ops",
      "create group-members ops <- frank",
      "create group-members ops <- gina",
    ]);
    // Only the areas the document has are managed: resources, permissions and policies are left alone.
    expect(plan.stderr).toContain(
      "3 things are in acme and not in the document; --prune would delete:\n  - users dave\n  - users erin\n  - groups sales\n",
    );
    expect(plan.stderr).not.toContain("room-1");
    const r = await cli.run(["apply", "-f", "-"], { stdin: yaml });
    expect(r.code).toBe(0);
    const users = await cli.json<Array<{ name: string; email?: string; state: string }>>("user list");
    expect(users.map((u) => `${u.name}:${u.email ?? ""}:${u.state}`).sort()).toContain("gina::DISABLED");
    expect(users.map((u) => `${u.name}:${u.email ?? ""}:${u.state}`).sort()).toContain(
      "frank:frank@acme.awsapps.com:ENABLED",
    );
    expect((await cli.run(["apply", "-f", "-", "--plan", "--detailed-exitcode"], { stdin: yaml })).code).toBe(0);
  });

  it("takes a policy area's values in any case, as it takes states and roles", async () => {
    const yaml =
      "access-rules:\n  - name: office\n    effect: deny\n    description: no webmail\n    protocols: [WebMail]\n";
    const r = await cli.run(["apply", "-f", "-", "--yes"], { stdin: yaml });
    expect(r.code, r.stderr).toBe(0);
    const rules = await cli.json<Array<{ name: string; effect: string }>>("access-rule list");
    expect(rules.map((x) => `${x.name}:${x.effect}`)).toEqual(["office:DENY"]);
  });

  it("a policy area is a whole rule set: the plan lists the rules it lacks as deletes, even without --prune", async () => {
    const yaml = "access-rules:\n  - name: office\n    effect: DENY\n    protocols: [WebMail]\n";
    const plan = await cli.run(["apply", "-f", "-", "--plan"], { stdin: yaml });
    expect(plan.code, plan.stderr).toBe(0);
    expect(rows(plan.stdout)).toEqual(["create access-rules office", "delete access-rules default"]);
    expect(plan.stderr).toContain("Plan: 1 to create, 0 to update, 1 to delete");
    const r = await cli.run(["apply", "-f", "-", "--yes"], { stdin: yaml });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("1 created, 0 updated, 1 deleted");
    expect((await cli.json<Array<{ name: string }>>("access-rule list")).map((x) => x.name)).toEqual(["office"]);
  });

  it("an invalid document exits 2 naming the place in it, before anything changes", async () => {
    const bad = async (text: string, name = "bad.yaml") => {
      const path = join(cli.home, name);
      writeFileSync(path, text);
      const r = await cli.run(["apply", "-f", path]);
      expect(r.code, r.stderr).toBe(2);
      return r.stderr.replace(`${path}: `, "");
    };
    expect(
      await bad("users:\n  - name: bob\n    email: bob@acme.awsapps.com\n  - name: x\n    email: not-an-address\n"),
    ).toBe('error: users[1].email: "not-an-address" is not an email address\n');
    expect(
      await bad(
        "users:\n  - name: a\n    email: a@acme.awsapps.com\n    state: ENABLED\n  - name: b\n    state: ENABLED\n",
      ),
    ).toBe("error: users[1].email: an enabled user needs a primary address\n");
    expect(await bad("groups:\n  - name: g\n    members: [nobody]\nusers: []\n")).toBe(
      'error: groups[0].members[0]: no user "nobody" in the document\n',
    );
    expect(await bad("users:\n  - name: a\n  - name: A\n")).toBe(
      'error: users[1].name: "A" is also users[0]: names are unique across users, groups and resources\n',
    );
    expect(await bad("resources:\n  - name: r\n    type: boat\n")).toBe(
      'error: resources[0].type: expected ROOM or EQUIPMENT, found "BOAT"\n',
    );
    expect(await bad("usres: []\n")).toMatch(
      /^error: usres: not an area wmctl knows\nhint: the areas are organization, domains, users, /,
    );
    expect(await bad("users: [\n")).toMatch(/^error: .*bad\.yaml is not valid YAML: /);
    const doc = readDoc();
    (doc.areas.users?.[2] as { email: string }).email = "erin@";
    expect(await bad(JSON.stringify(doc), "bad.json")).toBe(
      'error: areas.users[2].email: "erin@" is not an email address\n',
    );
    expect(await bad('{"format": "something-else"}', "other.json")).toBe(
      'error: format: expected "wmctl-inventory", found "something-else"\n',
    );
    // The policy areas are checked before anything changes too, not left to fail at apply time with exit 1.
    expect(await bad("access-rules:\n  - name: office\n    effect: MAYBE\n")).toBe(
      'error: access-rules[0].effect: expected ALLOW or DENY, found "MAYBE"\n',
    );
    expect(await bad("access-rules:\n  - name: office\n    effect: ALLOW\n    ipRanges: 10.0.0.0/8\n")).toBe(
      "error: access-rules[0].ipRanges: expected a list of strings\n",
    );
    expect(await bad("retention:\n  name: keep\n  folders:\n    - folder: OUTBOX\n      action: DELETE\n")).toBe(
      'error: retention.folders[0].folder: expected INBOX, DELETED_ITEMS, SENT_ITEMS, DRAFTS or JUNK_EMAIL, found "OUTBOX"\n',
    );
    expect(await bad("org-settings:\n  dmarcEnforced: true\n")).toBe(
      "error: org-settings.monitoring: expected an object, or null for none\n",
    );
    expect(await bad("mobile-access:\n  rules: []\n  overrides:\n    - user: bob\n      effect: DENY\n")).toBe(
      "error: mobile-access.overrides[0].deviceId: expected a non-empty string\n",
    );
    expect(await bad("tags:\n  - key: team\n")).toBe("error: tags[0].value: expected a string\n");
    const withRules = readDoc() as unknown as { areas: Record<string, unknown> };
    withRules.areas["impersonation-roles"] = [{ name: "audit", type: "READ_ONLY", rules: [{ id: "r1" }] }];
    expect(await bad(JSON.stringify(withRules), "bad.json")).toBe(
      "error: areas.impersonation-roles[0].rules[0].effect: expected ALLOW or DENY, found nothing\n",
    );
    expect((await cli.run(["apply", "-f", join(cli.home, "missing.yaml")])).stderr).toContain("does not exist");
    expect((await cli.json<unknown[]>("user list")).length).toBe(3);
  });

  it("--map-domain and the test domain carry a document into another organization; --passwords-out keeps the new users' passwords", async () => {
    await cli.ok("org create rehearsal");
    const pw = join(cli.home, "pw.csv");
    const r = await cli.run(["--org", "rehearsal", "apply", "-f", file, "--passwords-out", pw]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("Addresses on acme.awsapps.com become addresses on rehearsal.awsapps.com\n");
    expect(r.stderr).toContain(`✓ Wrote the passwords of 3 new users to ${pw} (mode 0600)\n`);
    expect(
      readFileSync(pw, "utf8")
        .split("\n")
        .slice(1, -1)
        .map((l) => l.split(",")[0])
        .sort(),
    ).toEqual(["bob", "dave", "erin"]);
    expect(
      (await cli.json<Array<{ email: string }>>(["--org", "rehearsal", "user", "list"])).map((u) => u.email).sort(),
    ).toEqual(["bob@rehearsal.awsapps.com", "dave@rehearsal.awsapps.com", "erin@rehearsal.awsapps.com"]);
    expect(
      (await cli.run(["--org", "rehearsal", "apply", "-f", file, "--plan", "--prune", "--detailed-exitcode"])).code,
    ).toBe(0);
  });
});

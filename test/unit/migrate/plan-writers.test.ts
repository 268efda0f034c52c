import { spawnSync } from "node:child_process";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { DomainMap } from "../../../src/inventory/domain-map.js";
import { tableCsv } from "../../../src/inventory/tables.js";
import { MAILBOX_MAP_COLUMNS } from "../../../src/migrate/mailbox-map-columns.js";
import { dnsCutoverMarkdown, zoneFile } from "../../../src/migrate/plan/dns-cutover.js";
import {
  gamBatch,
  GOOGLE_USERS_HEADER,
  googleUsersTable,
  resourceId,
  splitName,
} from "../../../src/migrate/plan/google.js";
import { M365_USERS_HEADER, m365ProvisionScript, m365UsersTable } from "../../../src/migrate/plan/m365.js";
import { buildPlan, planCounts, type Plan } from "../../../src/migrate/plan/plan-model.js";
import { planFiles } from "../../../src/migrate/plan/plan-files.js";
import { gamQuote, psQuote } from "../../../src/migrate/plan/quoting.js";
import { mailboxMapTable, mappingTable } from "../../../src/migrate/plan/mapping-tables.js";
import { runbookMarkdown } from "../../../src/migrate/plan/runbook.js";
import { NASTY, planInventory, psTokens, shlexSplit } from "./plan-fixture.js";

const csv = async (t: Parameters<typeof tableCsv>[0]) =>
  parse(await tableCsv(t), { columns: true, bom: true }) as Array<Record<string, string>>;
const plan = (target: Plan["target"], specs: string[] = []) =>
  buildPlan(planInventory(), target, DomainMap.parse(specs));
/** Every address of the inventory's users, groups and resources that has one. */
function inventoryAddresses(): string[] {
  const a = planInventory().areas;
  return [...(a.users ?? []), ...(a.groups ?? []), ...(a.resources ?? [])]
    .filter((e) => !("role" in e) || e.role !== "SYSTEM_USER")
    .flatMap((e) => [...(e.email === undefined ? [] : [e.email]), ...e.aliases]);
}
const calls = (script: string, fn: string) =>
  script
    .split("\n")
    .filter((l) => l.startsWith(`${fn} `))
    .map((l) => psTokens(l).slice(1));

describe("quoting", () => {
  it("PowerShell verbatim strings keep quotes of every kind, $, backticks and non-ASCII", () => {
    for (const v of [NASTY, "'", "‘’‚‛", "", "a''b", "line\nbreak"])
      expect(psTokens(`Test-Wm ${psQuote(v)}`)).toEqual(["Test-Wm", v]);
    expect(psQuote("it's")).toBe("'it''s'");
    expect(psQuote("‘q’")).toBe("'‘‘q’’'");
  });

  it("GAM arguments split back to the same words (shlex, posix)", () => {
    for (const v of [NASTY, "'", '"', "a b", "", "x'y\"z", "$(rm -rf /)", "back\\slash"])
      expect(shlexSplit(`gam ${gamQuote(v)}`)).toEqual(["gam", v]);
    expect(gamQuote("bob@example.com")).toBe("bob@example.com");
  });
});

describe("buildPlan and mapping.csv", () => {
  it("lists every address of the inventory, landing or not, each with a target or a reason", async () => {
    const p = plan("m365");
    const rows = await csv(mappingTable(p));
    expect(rows.map((r) => r.address).sort()).toEqual(inventoryAddresses().sort());
    for (const r of rows) expect(r.status === "lands" ? r.targetAddress : r.reason).not.toBe("");
    const by = (a: string) => rows.find((r) => r.address === a);
    expect(by("bob@old.example")).toMatchObject({ status: "lands", targetIdentity: "bob@example.com" });
    expect(by("bob@acme.awsapps.com")).toMatchObject({ status: "cannot-land" });
    expect(by("bob@acme.awsapps.com")?.reason).toContain("--map-domain acme.awsapps.com=DOMAIN");
    expect(by("carol@elsewhere.net")?.reason).toContain("not a mail domain of the organization");
    expect(by("frank@example.com")?.reason).toContain("disabled");
    expect(by("rita@example.com")?.reason).toContain("a remote user (interoperability with Exchange)");
    // dave's primary is on the test domain: his alias on a real domain becomes the primary.
    expect(by("dave.d@example.com")).toMatchObject({ status: "lands", targetIdentity: "dave.d@example.com" });
    expect(by("dave.d@example.com")?.reason).toContain("becomes the primary");
    expect(by("salle@example.com")).toMatchObject({ targetType: "room", entity: "Salle 'Zoë'" });
    expect(p.left.map((l) => l.entity).sort()).toEqual(["No Mail", "erin"]);
    expect(p.notes).toEqual([
      "member erin of group All Staff does not land on the target: the user has no address there (see mapping.csv)",
    ]);
  });

  it("rewrites domains with --map-domain and refuses two addresses onto one", async () => {
    const mapped = await csv(mappingTable(plan("m365", ["acme.awsapps.com=example.org"])));
    expect(mapped.find((r) => r.address === "bob@acme.awsapps.com")).toMatchObject({
      status: "lands",
      targetAddress: "bob@example.org",
    });
    expect(mapped.find((r) => r.address === "dave@acme.awsapps.com")).toMatchObject({
      status: "lands",
      targetIdentity: "dave@example.org",
    });
    const merged = await csv(mappingTable(plan("m365", ["old.example=example.com"])));
    expect(merged.find((r) => r.address === "bob@old.example")).toMatchObject({ status: "cannot-land" });
    expect(merged.find((r) => r.address === "bob@old.example")?.reason).toContain(
      "already the target address of user bob",
    );
  });

  it("without the inventory's domains area, the domains come from the addresses that land", () => {
    const doc = planInventory();
    delete doc.areas.domains;
    const p = buildPlan(doc, "m365", DomainMap.parse(["acme.awsapps.com=example.org"]));
    expect(p.domains.map((d) => [d.source, d.target, d.workmailRecords.length])).toEqual([
      ["example.com", "example.com", 0],
      ["acme.awsapps.com", "example.org", 0],
      ["old.example", "old.example", 0],
      ["elsewhere.net", "elsewhere.net", 0],
    ]);
    const md = dnsCutoverMarkdown(p, {}, { verify: (d) => d });
    expect(md).toContain("the inventory holds no WorkMail records for this domain");
  });

  it("google: resources keep no WorkMail address; imap: no aliases or groups, mailboxes only", async () => {
    const g = await csv(mappingTable(plan("google")));
    expect(
      g
        .filter((r) => r.entityType === "RESOURCE")
        .every((r) => r.status === "cannot-land" && r.reason?.includes("generated addresses")),
    ).toBe(true);
    const i = plan("imap");
    const rows = await csv(mappingTable(i));
    expect(rows.filter((r) => r.addressType === "alias" && r.status === "lands")).toEqual([]);
    expect(
      rows.filter((r) => r.entityType === "GROUP").every((r) => r.reason?.includes("no distribution groups")),
    ).toBe(true);
    expect(rows.find((r) => r.address === "bob@example.com")).toMatchObject({ status: "lands", targetType: "mailbox" });
  });

  it("mailbox-map.csv: mailbox,target_login for users and resources with mailboxes", async () => {
    expect(MAILBOX_MAP_COLUMNS).toEqual(["mailbox", "target_login"]);
    const text = await tableCsv(mailboxMapTable(plan("m365", ["acme.awsapps.com=example.org"])));
    expect(text.split("\n")[0]).toBe("mailbox,target_login");
    expect(parse(text, { columns: true })).toEqual([
      { mailbox: "bob@example.com", target_login: "bob@example.com" },
      { mailbox: "carol@example.com", target_login: "carol@example.com" },
      { mailbox: "dave@acme.awsapps.com", target_login: "dave@example.org" },
      { mailbox: "salle@example.com", target_login: "salle@example.com" },
      { mailbox: "van@example.com", target_login: "van@example.com" },
    ]);
    expect((await csv(mailboxMapTable(plan("google")))).map((r) => r.mailbox)).toEqual([
      "bob@example.com",
      "carol@example.com",
      "dave@acme.awsapps.com",
    ]);
  });
});

describe("Microsoft 365 files", () => {
  it("users.csv has the admin center's exact header and survives any value", async () => {
    const text = await tableCsv(m365UsersTable(plan("m365")));
    expect(text.split("\n")[0]).toBe(
      "User Name,First Name,Last Name,Display Name,Job Title,Department,Office Number,Office Phone,Mobile Phone,Fax,Alternate email address,Address,City,State or Province,ZIP or Postal Code,Country or Region",
    );
    const rows = parse(text, { columns: true }) as Array<Record<(typeof M365_USERS_HEADER)[number], string>>;
    expect(rows.map((r) => r["User Name"])).toEqual(["bob@example.com", "carol@example.com", "dave.d@example.com"]);
    expect(rows[0]).toMatchObject({
      "First Name": "Zoë",
      "Last Name": NASTY,
      "Display Name": NASTY,
      Department: "R&D",
    });
  });

  it("provision.ps1: idempotent helpers, stops on errors, every member, delegate and permission, values intact", () => {
    const p = plan("m365");
    const script = m365ProvisionScript(p, ["header"]);
    expect(script).toContain("$ErrorActionPreference = 'Stop'");
    // Every helper call parses back: all values are quoted literals.
    const lines = script.split("\n").filter((l) => /^[A-Z][a-z]+-Wm/.test(l));
    for (const l of lines) expect(() => psTokens(l)).not.toThrow();
    expect(calls(script, "New-WmGroup")).toEqual([
      ["All Staff", "all@example.com"],
      ["Sales $team", "sales@example.com"],
    ]);
    // Every member of the landing groups that lands is added, nested groups included.
    expect(calls(script, "Add-WmMember")).toEqual([
      ["all@example.com", "sales@example.com"],
      ["all@example.com", "carol@example.com"],
      ["sales@example.com", "bob@example.com"],
      ["sales@example.com", "dave.d@example.com"],
    ]);
    expect(script).toContain("# member erin (USER) of All Staff does not land: see mapping.csv");
    expect(calls(script, "New-WmResource")).toEqual([
      ["Salle 'Zoë'", "salle@example.com", "Room"],
      ["van", "van@example.com", "Equipment"],
    ]);
    // Delegates: the group's members (Exchange takes mailboxes), then carol; booking options inverted from auto-decline.
    expect(calls(script, "Set-WmBooking")[0]).toEqual([
      "salle@example.com",
      "$false",
      "$false",
      "$false",
      ["bob@example.com", "dave.d@example.com", "carol@example.com"],
    ]);
    expect(calls(script, "Add-WmAddress")).toEqual([
      ["bob@example.com", "bobby@example.com"],
      ["bob@example.com", "bob@old.example"],
      ["all@example.com", "everyone@example.com"],
      ["salle@example.com", "room1@example.com"],
    ]);
    expect(calls(script, "Set-WmHidden")).toEqual([["bob@example.com"], ["sales@example.com"]]);
    expect(calls(script, "Grant-WmFullAccess")).toEqual([
      ["bob@example.com", "carol@example.com"],
      ["carol@example.com", "bob@example.com"],
      ["carol@example.com", "dave.d@example.com"],
    ]);
    expect(calls(script, "Grant-WmSendAs")).toEqual([["bob@example.com", "carol@example.com"]]);
    expect(calls(script, "Grant-WmSendOnBehalf")).toEqual([["sales@example.com", "bob@example.com"]]);
    expect(calls(script, "Assert-WmMailbox").map((c) => c[0])).toEqual([
      "bob@example.com",
      "carol@example.com",
      "dave.d@example.com",
    ]);
  });
});

describe("Google Workspace files", () => {
  it("users.csv has the Admin console's exact header, initial passwords and split names", async () => {
    const text = await tableCsv(googleUsersTable(plan("google"), () => "Init-Pass-1"));
    expect(text.split("\n")[0]).toBe(GOOGLE_USERS_HEADER.join(","));
    expect(GOOGLE_USERS_HEADER).toHaveLength(29);
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(rows[0]).toMatchObject({
      "First Name [Required]": "Zoë",
      "Last Name [Required]": NASTY,
      "Email Address [Required]": "bob@example.com",
      "Password [Required]": "Init-Pass-1",
      "Org Unit Path [Required]": "/",
      "Change Password at Next Sign-In": "True",
    });
    expect(rows[1]).toMatchObject({ "First Name [Required]": "carol", "Last Name [Required]": "carol" });
    expect(splitName(undefined, undefined, "Anne Marie Dupont", "amd")).toEqual(["Anne Marie", "Dupont"]);
    expect(googleUsersTable(plan("google")).rows.map((r) => r["Password [Required]"])).toSatisfy(
      (pw: string[]) => new Set(pw).size === pw.length && pw.every((x) => x.length >= 16),
    );
  });

  it("the GAM batch adds every member and alias, with arguments that split back intact", () => {
    const batch = gamBatch(plan("google"), ["header"]);
    const lines = batch.split("\n").filter((l) => l.startsWith("gam "));
    const words = lines.map(shlexSplit);
    const members = words
      .filter((w) => w[1] === "update" && w[2] === "group" && w[4] === "add")
      .map((w) => [w[3], w[7]]);
    expect(members).toEqual([
      ["all@example.com", "sales@example.com"],
      ["all@example.com", "carol@example.com"],
      ["sales@example.com", "bob@example.com"],
      ["sales@example.com", "dave.d@example.com"],
    ]);
    expect(words).toContainEqual([
      "gam",
      "create",
      "group",
      "sales@example.com",
      "name",
      "Sales $team",
      "whocanpostmessage",
      "anyonecanpost",
    ]);
    expect(words).toContainEqual([
      "gam",
      "create",
      "resource",
      "salle-zoe",
      "Salle 'Zoë'",
      "type",
      "Room",
      "category",
      "room",
      "autoacceptinvitations",
      "false",
      "description",
      "12 seats, `screen`",
    ]);
    expect(words).toContainEqual([
      "gam",
      "create",
      "resource",
      "van",
      "van",
      "type",
      "Equipment",
      "category",
      "other",
      "autoacceptinvitations",
      "true",
    ]);
    expect(words).toContainEqual(["gam", "create", "alias", "bobby@example.com", "user", "bob@example.com"]);
    expect(words).toContainEqual(["gam", "user", "bob@example.com", "add", "delegate", "carol@example.com"]);
    // Groups are committed before members are added (GAM runs batch lines in parallel).
    const text = batch.split("\n");
    expect(text.indexOf("commit-batch")).toBeGreaterThan(text.findIndex((l) => l.startsWith("gam create group")));
    expect(text.indexOf("commit-batch")).toBeLessThan(text.findIndex((l) => l.startsWith("gam update group")));
    expect(resourceId("Salle 'Zoë'")).toBe("salle-zoe");
  });

  it("Python's own shlex (GAM's splitter) reads the batch the same way", () => {
    const py = spawnSync(
      "python3",
      [
        "-c",
        "import json,shlex,sys\nprint(json.dumps([shlex.split(l) for l in sys.stdin.read().split('\\n') if l.startswith('gam ')]))",
      ],
      { input: gamBatch(plan("google"), ["h"]), encoding: "utf8" },
    );
    if (py.error !== undefined) return; // no python3 on this machine: the tokenizer above stands in
    const lines = gamBatch(plan("google"), ["h"])
      .split("\n")
      .filter((l) => l.startsWith("gam "));
    expect(JSON.parse(py.stdout)).toEqual(lines.map(shlexSplit));
  });
});

describe("DNS and runbook", () => {
  it("zone files are RFC 1035 lines with placeholders commented out and a transitional SPF", () => {
    const p = plan("m365");
    const zone = zoneFile(p, p.domains[0] as Plan["domains"][number], { tenant: "acme" });
    const records = zone.split("\n").filter((l) => l !== "" && !l.startsWith(";") && !l.startsWith("$"));
    for (const r of records) expect(r).toMatch(/^[a-z0-9._-]+\.\t300\tIN\t(MX|TXT|CNAME)\t\S/);
    expect(records).toContain("example.com.\t300\tIN\tMX\t0 example-com.mail.protection.outlook.com.");
    expect(records).toContain(
      'example.com.\t300\tIN\tTXT\t"v=spf1 include:spf.protection.outlook.com include:amazonses.com -all"',
    );
    expect(records).toContain(
      "selector1._domainkey.example.com.\t300\tIN\tCNAME\tselector1-example-com._domainkey.acme.onmicrosoft.com.",
    );
    expect(records).toContain("autodiscover.example.com.\t300\tIN\tCNAME\tautodiscover.outlook.com.");
    expect(zone).toMatch(/^; PLACEHOLDER \(.*\): example\.com\.\t300\tIN\tTXT\t"MS=ms<NUMBER>"$/m);
    const g = zoneFile(plan("google"), p.domains[0] as Plan["domains"][number], {});
    expect(g).toContain("example.com.\t300\tIN\tMX\t1 smtp.google.com.");
    expect(g).toMatch(
      /^; PLACEHOLDER .*google\._domainkey\.example\.com\.\t300\tIN\tTXT\t"v=DKIM1; k=rsa; p=<PUBLIC KEY>"$/m,
    );
  });

  it("dns-cutover.md lowers TTLs first, then lists WorkMail's records to remove and when", () => {
    const md = dnsCutoverMarkdown(
      plan("m365"),
      { tenant: "acme" },
      { verify: (d) => `wmctl domain verify ${d} --for m365 --tenant acme` },
    );
    expect(md.indexOf("lower the TTLs")).toBeLessThan(md.indexOf("The cutover"));
    expect(md).toContain("`_amazonses.example.com. TXT tok3n=`: last, after the WorkMail organization is deleted");
    expect(md).toContain("`example.com. MX 10 inbound-smtp.us-east-1.amazonaws.com.`: at the cutover");
    expect(md).toContain("`abc._domainkey.example.com. CNAME abc.dkim.amazonses.com.`: with include:amazonses.com");
    expect(md).toContain("`include:amazonses.com` in");
    expect(md).toContain("wmctl domain verify example.com --for m365 --tenant acme");
    expect(md).toContain("## old.example");
    expect(md).not.toContain("## acme.awsapps.com");
  });

  it("two WorkMail domains mapped onto one share its zone file; every file has a distinct path", async () => {
    const files = await planFiles(plan("m365", ["old.example=example.com"]), { out: "o", wmctlVersion: "test" });
    const paths = files.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.filter((p) => p.startsWith("zones/"))).toEqual(["zones/example.com.zone"]);
  });

  it("for IMAP the zone holds only placeholders for the provider's records, and the runbook checks MX with dig", () => {
    const p = plan("imap");
    const zone = zoneFile(p, p.domains[0] as Plan["domains"][number], {});
    expect(zone.split("\n").filter((l) => l !== "" && !l.startsWith(";") && !l.startsWith("$"))).toEqual([
      '_dmarc.example.com.\t300\tIN\tTXT\t"v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.com"',
    ]);
    expect(zone).toMatch(
      /^; PLACEHOLDER \(your mail provider's MX host\): example\.com\.\t300\tIN\tMX\t10 <mx-host-of-your-imap-provider>\.$/m,
    );
    const md = runbookMarkdown(p, { out: "o", files: {} });
    expect(md).toContain("`dig +short MX DOMAIN`");
    expect(md).toContain("--to imaps://HOST --map o/mailbox-map.csv");
    expect(md).toContain("**Aliases, groups and resources**");
  });

  it("runbook.md gives the counts, the commands and what does not move", () => {
    const p = plan("m365");
    const c = planCounts(p);
    expect(c).toMatchObject({ users: 3, groups: 2, resources: 2, addresses: 16, mailboxes: 5, permissions: 3 });
    const md = runbookMarkdown(p, {
      out: "acme-m365",
      tenant: "acme",
      files: { users: "users.csv", script: "provision.ps1" },
    });
    expect(md).toContain(`| addresses | 16: ${c.landing} land, ${c.cannotLand} cannot (mapping.csv says why) |`);
    expect(md).toContain("--map acme-m365/mailbox-map.csv");
    expect(md).toContain("wmctl domain verify DOMAIN --for m365 --tenant acme");
    for (const topic of [
      "Contacts and tasks",
      "Calendar items",
      "Inbox rules and signatures",
      "Mobile device policies",
      "Access control rules and impersonation roles",
    ])
      expect(md).toContain(topic);
    expect(md).toContain("- user erin: disabled in WorkMail");
  });
});

import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InventoryDocument } from "../../src/inventory/document.js";
import { startTestDnsServer, type TestDnsServer } from "../helpers/dns-test-server.js";
import { CliHarness } from "../helpers/run-cli.js";
import { seedOrganization } from "../helpers/seed-org.js";
import { psTokens, shlexSplit } from "../unit/migrate/plan-fixture.js";

let cli: CliHarness;
let dir: string;
beforeEach(() => {
  cli = new CliHarness();
  dir = join(cli.home, "work");
  mkdirSync(dir);
});
afterEach(() => cli.cleanup());

const read = (...p: string[]) => readFileSync(join(dir, ...p), "utf8");
const rows = (...p: string[]) => parse(read(...p), { columns: true, bom: true }) as Array<Record<string, string>>;
const mode = (...p: string[]) => (statSync(join(dir, ...p)).mode & 0o777).toString(8);
const MAP = "--map-domain acme.awsapps.com=acme.example";

/** Every address of the inventory's users, groups and resources. */
function addresses(doc: InventoryDocument): string[] {
  const a = doc.areas;
  return [
    ...(a.users ?? []).filter((u) => u.role !== "SYSTEM_USER"),
    ...(a.groups ?? []),
    ...(a.resources ?? []),
  ].flatMap((e) => [...(e.email === undefined ? [] : [e.email]), ...e.aliases]);
}

describe("wmctl migrate plan", () => {
  it("plans the live organization for Microsoft 365: every address mapped, every member in provision.ps1", async () => {
    const seeded = await seedOrganization(cli.home, "acme", { users: 60 });
    const doc = await cli.json<InventoryDocument>("org inventory");
    const r = await cli.run(`migrate plan --to m365 --out ${dir}/plan ${MAP} --tenant acme`);
    expect(r.stderr).toContain("Taking the inventory of acme...");
    expect(r.code).toBe(0);
    const files = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => l.split("\t")[0]);
    expect(files).toEqual([
      "mapping.csv",
      "mailbox-map.csv",
      "users.csv",
      "provision.ps1",
      "zones/acme.example.zone",
      "dns-cutover.md",
      "runbook.md",
    ]);
    expect(r.stderr).toMatch(
      /✓ Plan for Microsoft 365 written to .*plan: \d+ users, \d+ groups, \d+ resources, \d+ addresses \(\d+ cannot land\), \d+ mailboxes to copy/,
    );

    const mapping = rows("plan", "mapping.csv");
    expect(mapping.map((m) => m.address).sort()).toEqual(addresses(doc).sort());
    expect(mapping.length).toBeGreaterThanOrEqual(seeded.aliases);
    for (const m of mapping)
      expect(m.status === "lands" ? m.targetAddress?.endsWith("@acme.example") : m.reason !== "").toBe(true);

    // Every member of every group that lands appears in the script, by its target address.
    const script = read("plan", "provision.ps1");
    expect(script.startsWith("\uFEFF")).toBe(true);
    const added = new Set(
      script
        .split("\n")
        .filter((l) => l.startsWith("Add-WmMember "))
        .map((l) => psTokens(l).slice(1).join(" ")),
    );
    const target = new Map(
      mapping.filter((m) => m.status === "lands").map((m) => [`${m.entityType}:${m.entity}`, m.targetIdentity]),
    );
    let members = 0;
    for (const g of doc.areas.groups ?? []) {
      const gAddr = target.get(`GROUP:${g.name}`);
      if (gAddr === undefined) continue;
      for (const m of g.members) {
        const mAddr = target.get(`${m.type}:${m.name}`);
        if (mAddr === undefined) expect(script).toContain(`# member ${m.name} (${m.type}) of ${g.name} does not land`);
        else expect(added).toContain(`${gAddr} ${mAddr}`), members++;
      }
    }
    expect(members).toBeGreaterThan(10);

    const users = rows("plan", "users.csv");
    expect(Object.keys(users[0] ?? {})[0]).toBe("User Name");
    const map = rows("plan", "mailbox-map.csv");
    expect(Object.keys(map[0] ?? {})).toEqual(["mailbox", "target_login"]);
    expect(map.length).toBe(users.length + (doc.areas.resources ?? []).filter((x) => x.state === "ENABLED").length);
    expect(read("plan", "zones", "acme.example.zone")).toContain(
      "selector1-acme-example._domainkey.acme.onmicrosoft.com.",
    );
    expect([
      mode("plan", "mapping.csv"),
      mode("plan", "users.csv"),
      mode("plan", "provision.ps1"),
      mode("plan", "runbook.md"),
      mode("plan", "dns-cutover.md"),
    ]).toEqual(["600", "600", "600", "600", "644"]);
    const planJson = JSON.parse(read("plan", "plan.json")) as { format: string; target: string; files: string[] };
    expect(planJson).toMatchObject({ format: "wmctl-migration-plan", target: "m365", files });
    expect(readdirSync(dir)).toEqual(["plan"]);
  });

  it("plans for Google from an inventory folder; without --map-domain the test domain's addresses cannot land, and it says so", async () => {
    await seedOrganization(cli.home, "acme", { users: 30 });
    await cli.ok(`org inventory --out ${dir}/inv`);
    const bare = await cli.run(`migrate plan --to google --from ${dir}/inv --out ${dir}/bare`);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toMatch(
      /! \d+ addresses cannot land: acme\.awsapps\.com is WorkMail's test domain and stays with AWS/,
    );
    expect(rows("bare", "mapping.csv").every((m) => m.status === "cannot-land")).toBe(true);

    const r = await cli.ok(`migrate plan --to google --from ${dir}/inv --out ${dir}/g ${MAP}`);
    expect(r.stderr).not.toContain("Taking the inventory");
    const batch = read("g", "gam-batch.txt")
      .split("\n")
      .filter((l) => l.startsWith("gam "))
      .map(shlexSplit);
    const doc = JSON.parse(read("inv", "inventory.json")) as InventoryDocument;
    const mapping = rows("g", "mapping.csv");
    const target = new Map(
      mapping.filter((m) => m.status === "lands").map((m) => [`${m.entityType}:${m.entity}`, m.targetIdentity]),
    );
    for (const g of doc.areas.groups ?? []) {
      const gAddr = target.get(`GROUP:${g.name}`);
      if (gAddr === undefined) continue;
      for (const m of g.members) {
        const mAddr = target.get(`${m.type}:${m.name}`);
        if (mAddr !== undefined)
          expect(batch).toContainEqual(["gam", "update", "group", gAddr, "add", "member", "user", mAddr]);
      }
    }
    const users = parse(readFileSync(join(dir, "g", "users.csv")), { columns: true, bom: true }) as Array<
      Record<string, string>
    >;
    expect(readFileSync(join(dir, "g", "users.csv")).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(
      users.every((u) => u["Password [Required]"]!.length >= 16 && u["Change Password at Next Sign-In"] === "True"),
    ).toBe(true);
    expect(read("g", "zones", "acme.example.zone")).toContain("1 smtp.google.com.");
  });

  it("plans for IMAP: the mailbox map, the cutover and the runbook, no provisioning files", async () => {
    await cli.ok("org create acme");
    await cli.ok("user create bob --generate-password --alias bobby");
    await cli.ok("group create sales --member bob");
    const r = await cli.ok(`migrate plan --to imap --out ${dir}/i ${MAP} -o json`);
    const out = JSON.parse(r.stdout) as Array<{ file: string; holds: string; mode: string }>;
    expect(out.map((f) => f.file)).toEqual([
      "mapping.csv",
      "mailbox-map.csv",
      "zones/acme.example.zone",
      "dns-cutover.md",
      "runbook.md",
    ]);
    expect(out[1]).toEqual({ file: "mailbox-map.csv", holds: "1 mailbox", mode: "0600" });
    expect(read("i", "mailbox-map.csv")).toBe("mailbox,target_login\nbob@acme.awsapps.com,bob@acme.example\n");
    const mapping = rows("i", "mapping.csv");
    expect(mapping.find((m) => m.address === "bobby@acme.awsapps.com")?.reason).toContain(
      "an IMAP server has no aliases",
    );
    expect(mapping.find((m) => m.address === "sales@acme.awsapps.com")?.reason).toContain("no distribution groups");
  });

  it("refuses a folder with other files (exit 2, nothing written), replaces a previous plan whole, and writes among others with --force", async () => {
    await cli.ok("org create acme");
    await cli.ok("user create bob --generate-password");
    mkdirSync(join(dir, "busy"));
    writeFileSync(join(dir, "busy", "notes.txt"), "mine");
    const refused = await cli.run(`migrate plan --to m365 --out ${dir}/busy ${MAP}`);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("is not empty and holds no wmctl migration plan");
    expect(readdirSync(join(dir, "busy"))).toEqual(["notes.txt"]);

    await cli.ok(`migrate plan --to m365 --out ${dir}/p ${MAP}`);
    expect(readdirSync(join(dir, "p"))).toContain("provision.ps1");
    await cli.ok(`migrate plan --to imap --out ${dir}/p ${MAP}`);
    expect(readdirSync(join(dir, "p")).sort()).toEqual([
      "dns-cutover.md",
      "mailbox-map.csv",
      "mapping.csv",
      "plan.json",
      "runbook.md",
      "zones",
    ]);
    expect(readdirSync(dir).sort()).toEqual(["busy", "p"]);

    await cli.ok(`migrate plan --to m365 --out ${dir}/busy ${MAP} --force`);
    expect(readdirSync(join(dir, "busy"))).toEqual(expect.arrayContaining(["notes.txt", "provision.ps1", "plan.json"]));
    expect(read("busy", "notes.txt")).toBe("mine");
  });

  it("rejects bad input with a one-line error and exit 2", async () => {
    await cli.ok("org create acme");
    const cases: Array<[string, string]> = [
      [`migrate plan --to google --out ${dir}/x --tenant acme`, "--tenant is a Microsoft 365 setting"],
      [`migrate plan --to m365 --out ${dir}/x --tenant "a b"`, "--tenant:"],
      [`migrate plan --to m365 --out ${dir}/x --map-domain nonsense`, '--map-domain "nonsense" is not OLD=NEW'],
      [`migrate plan --to m365 --out ${dir}/x --from ${dir}/nowhere`, "does not exist"],
      [`migrate plan --to exchange --out ${dir}/x`, "exchange"],
    ];
    for (const [argv, message] of cases) {
      const r = await cli.run(argv);
      expect(r.code, argv).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("the cutover of a verified domain, on the simulator's DNS", () => {
  it("dns-cutover.md lists WorkMail's own records to remove, and domain verify --for fails until DNS moves", async () => {
    await cli.ok("org create acme");
    await cli.ok("domain add example.com");
    await cli.ok("domain apply example.com --wait");
    await cli.ok("domain verify example.com --wait --timeout 1m --skip-autodiscover");
    await cli.ok("user create bob --generate-password --email bob@example.com --alias bobby@example.com");
    const records = await cli.json<Array<{ type: string; name: string; value: string }>>("domain records example.com");
    const token = records.find((r) => r.name.startsWith("_amazonses."))?.value;
    expect(token).toBeDefined();

    await cli.ok(`migrate plan --to m365 --out ${dir}/p --tenant acme`);
    const md = read("p", "dns-cutover.md");
    expect(md).toContain(`\`_amazonses.example.com. TXT ${token}\`: last, after the WorkMail organization is deleted`);
    expect(md).toMatch(/`example\.com\. MX 10 inbound-smtp\.us-east-1\.amazonaws\.com\.?`: at the cutover/);
    expect(md.match(/\.dkim\.amazonses\.com\.?`: with include:amazonses\.com/g)).toHaveLength(3);
    expect(read("p", "zones", "example.com.zone")).toContain(
      "example.com.\t300\tIN\tMX\t0 example-com.mail.protection.outlook.com.",
    );

    const r = await cli.run("domain verify example.com --for m365 --tenant acme -o json");
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as {
      provider: string;
      checks: Array<{ id: string; findings: Array<{ code: string }> }>;
    };
    const codes = (id: string) => report.checks.find((c) => c.id === id)?.findings.map((f) => f.code);
    expect(report.provider).toBe("m365");
    expect(codes("mx")).toEqual(["MX_STILL_WORKMAIL"]);
    expect(codes("spf")).toEqual(["SPF_NO_TARGET_INCLUDE", "SPF_STILL_AMAZONSES"]);
    expect(codes("autodiscover")).toEqual(["AUTODISCOVER_CNAME_MISMATCH"]);
    expect(r.stderr).toContain("wmctl domain verify example.com --for m365");
  });
});

describe("wmctl domain verify --for", () => {
  let dns: TestDnsServer | undefined;
  afterEach(async () => {
    await dns?.close();
    dns = undefined;
  });
  const D = "example.com";

  it("checks the target's records (exit 0), fails a domain still on WorkMail (exit 3), rejects WorkMail-only flags (exit 2)", async () => {
    await cli.ok("org create acme");
    dns = await startTestDnsServer({
      zones: [D, "outlook.com"],
      records: [
        { name: "spf.protection.outlook.com", type: "TXT", value: "v=spf1 ip4:40.92.0.0/15 -all" },
        { name: D, type: "MX", value: { preference: 0, exchange: "example-com.mail.protection.outlook.com" } },
        { name: D, type: "TXT", value: "v=spf1 include:spf.protection.outlook.com -all" },
        { name: D, type: "TXT", value: "MS=ms1234" },
        { name: `autodiscover.${D}`, type: "CNAME", value: "autodiscover.outlook.com" },
        {
          name: `selector1._domainkey.${D}`,
          type: "CNAME",
          value: "selector1-example-com._domainkey.acme.onmicrosoft.com",
        },
        {
          name: `selector2._domainkey.${D}`,
          type: "CNAME",
          value: "selector2-example-com._domainkey.acme.onmicrosoft.com",
        },
        { name: `_dmarc.${D}`, type: "TXT", value: "v=DMARC1; p=none" },
      ],
    });
    const ok = await cli.run(
      `domain verify ${D} --for m365 --tenant acme.onmicrosoft.com --resolver ${dns.address} -o json`,
    );
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout) as { provider: string; status: string; checks: Array<{ id: string }> };
    expect(report).toMatchObject({ provider: "m365", status: "verified" });
    expect(report.checks.map((c) => c.id)).toEqual([
      "verification",
      "mx",
      "autodiscover",
      "dkim-1",
      "dkim-2",
      "spf",
      "dmarc",
    ]);

    const table = await cli.run(`domain verify ${D} --for google --resolver ${dns.address}`, { tty: true });
    expect(table.code).toBe(3);
    expect(table.stdout).toContain("for Google Workspace");
    expect(table.stdout).toContain("MX_NOT_TARGET");
    expect(table.stderr).toContain("example.com: 3 required records (mx, dkim-1, spf) not verified");

    for (const [argv, message] of [
      [`domain verify ${D} --tenant acme`, "--tenant goes with --for m365"],
      [`domain verify ${D} --for m365 --mail-from mail.${D}`, "leave it out with --for"],
      [`domain verify ${D} --for google --tenant acme`, "Microsoft 365 setting"],
    ] as const) {
      const r = await cli.run(argv);
      expect(r.code, argv).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";
import { seedOrgWithUsers } from "../helpers/seed-org-users.js";

let cli: CliHarness;
beforeEach(async () => {
  cli = new CliHarness();
  await seedOrgWithUsers(cli, ["bob", "alice"]);
});
afterEach(() => cli.cleanup());

interface Rule {
  name: string;
  effect: string;
  conditions: string;
  protocols?: string[];
  notIpRanges?: string[];
  users?: string[];
  roles?: string[];
}

describe("wmctl access-rule", () => {
  it("lists the default rule as a table on a terminal and as TSV when piped", async () => {
    const tty = await cli.ok("access-rule list", { tty: true });
    expect(tty.stdout.split("\n")[0]).toMatch(/^NAME\s+EFFECT\s+CONDITIONS\s+DESCRIPTION$/);
    expect(tty.stdout).toMatch(/default\s+ALLOW\s+all requests\s+Default WorkMail Rule/);
    const piped = await cli.ok("access-rule list --fields name,effect");
    expect(piped.stdout).toBe("default\tALLOW\n");
    const csv = await cli.ok("access-rule list -o csv --fields name,conditions");
    expect(csv.stdout).toBe("name,conditions\ndefault,all requests\n");
  });

  it("puts a rule naming users by name and protocols in any case, and shows users by address", async () => {
    const r = await cli.run(
      "access-rule put no-imap --effect deny --protocol imap,outlook --user bob --not-ip 10.0.0.0/8",
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Created access control rule no-imap");
    const rules = await cli.json<Rule[]>("access-rule list");
    const rule = rules.find((x) => x.name === "no-imap");
    expect(rule).toMatchObject({
      effect: "DENY",
      protocols: ["IMAP", "WindowsOutlook"],
      notIpRanges: ["10.0.0.0/8"],
      users: ["bob@acme.awsapps.com"],
      conditions: "protocol IMAP,WindowsOutlook; not from 10.0.0.0/8; user bob@acme.awsapps.com",
    });
    const again = await cli.run("access-rule put no-imap --effect deny --protocol imap");
    expect(again.stderr).toContain("Replaced access control rule no-imap");
  });

  it("checks CIDR ranges and protocols before any call, with clear errors and exit code 2", async () => {
    const bare = await cli.run("access-rule put x --effect allow --ip 10.1.2.3");
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain(
      'error: --ip: "10.1.2.3" is an address, not a range: write 10.1.2.3/32 for this one address',
    );
    const prefix = await cli.run("access-rule put x --effect allow --not-ip 10.0.0.0/40");
    expect(prefix.stderr).toContain('error: --not-ip: the prefix length in "10.0.0.0/40" must be a whole number 0-32');
    const octet = await cli.run("access-rule put x --effect allow --ip 300.0.0.0/8");
    expect(octet.stderr).toContain('300 in "300.0.0.0" is larger than 255');
    const proto = await cli.run("access-rule put x --effect allow --protocol pop3");
    expect(proto.code).toBe(2);
    expect(proto.stderr).toContain('unknown protocol "pop3"');
    expect(proto.stderr).toContain(
      "hint: use one of: ActiveSync, AutoDiscover, EWS, IMAP, SMTP, WindowsOutlook, WebMail",
    );
    const hostBits = await cli.run("access-rule put sloppy --effect allow --ip 10.1.2.3/8");
    expect(hostBits.code).toBe(0);
    expect(hostBits.stderr).toContain("--ip 10.1.2.3/8 has host bits set: it covers 10.0.0.0/8");
    expect((await cli.json<Rule[]>("access-rule list")).map((x) => x.name)).toEqual(["default", "sloppy"]);
  });

  it("reports an unknown user with exit code 5", async () => {
    const r = await cli.run("access-rule put x --effect deny --user nobody");
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('no user "nobody"');
  });

  it("tests requests by user and by impersonation role", async () => {
    await cli.ok("access-rule put no-imap-for-bob --effect deny --protocol imap --user bob");
    expect(await cli.json("access-rule test --protocol IMAP --ip 203.0.113.5 --user bob")).toEqual({
      effect: "DENY",
      matchedRules: ["no-imap-for-bob"],
      protocol: "IMAP",
      ip: "203.0.113.5",
      user: "bob@acme.awsapps.com",
    });
    expect(
      (await cli.ok("access-rule test --protocol imap --ip 203.0.113.5 --user alice --fields effect")).stdout,
    ).toBe("ALLOW\n");
    await cli.ok("impersonation-role create archiver --type read-only --allow-all");
    await cli.ok("access-rule put archiver-inside --effect deny --role archiver --not-ip 10.0.0.0/8");
    expect((await cli.ok("access-rule test --protocol ews --ip 10.9.9.9 --role archiver --fields effect")).stdout).toBe(
      "ALLOW\n",
    );
    expect(
      (await cli.ok("access-rule test --protocol ews --ip 8.8.8.8 --role archiver --fields effect,matchedRules"))
        .stdout,
    ).toBe("DENY\tarchiver-inside\n");
    const rules = await cli.json<Rule[]>("access-rule list");
    expect(rules.find((x) => x.name === "archiver-inside")?.roles).toEqual(["archiver"]);
    const wrong = await cli.run("access-rule test --protocol imap --ip 10.0.0.1 --role archiver");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--role can only be tested with --protocol EWS");
    const both = await cli.run("access-rule test --protocol ews --ip 10.0.0.1 --role archiver --user bob");
    expect(both.code).toBe(2);
    expect((await cli.run("access-rule test --protocol ews --ip 10.0.0.300 --user bob")).code).toBe(2);
  });

  it("confirms deletes, warns that deleting the last rule blocks all access, and then everything is denied", async () => {
    const refused = await cli.run("access-rule delete default");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("Delete default, the last access control rule? With no rules, all access");
    expect(refused.stderr).toContain("hint: pass --yes");
    expect((await cli.ok("access-rule delete default --dry-run")).stdout).toBe(
      "would DeleteAccessControlRule default  rulesLeft=0 blocksAllAccess=true\n",
    );
    expect((await cli.json<Rule[]>("access-rule list")).length).toBe(1);
    const deleted = await cli.run("access-rule delete default --yes");
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toContain(
      "no access control rules are left: all access to this organization's mailboxes is blocked",
    );
    expect(await cli.json("access-rule list")).toEqual([]);
    expect((await cli.ok("access-rule test --protocol webmail --ip 10.0.0.1 --user bob --fields effect")).stdout).toBe(
      "DENY\n",
    );
    const missing = await cli.run("access-rule delete default --yes");
    expect(missing.code).toBe(5);
  });

  it("prints a dry-run plan for put without changing anything", async () => {
    const r = await cli.ok(
      "access-rule put eas-via-mdm --effect deny --protocol eas --not-ip 198.51.100.0/24 --dry-run",
    );
    expect(r.stdout).toBe(
      "would PutAccessControlRule eas-via-mdm  replaces=false effect=DENY protocols=ActiveSync notIpRanges=198.51.100.0/24\n",
    );
    expect((await cli.json<Rule[]>("access-rule list")).map((x) => x.name)).toEqual(["default"]);
  });

  it("shows users and roles in a --dry-run plan as the rule list will show them", async () => {
    await cli.ok("impersonation-role create Archiver --type read-only --allow-all");
    const r = await cli.json<{ changes: Array<{ details: Record<string, unknown> }> }>(
      "access-rule put x --effect deny --user bob --not-role archiver --dry-run",
    );
    expect(r.changes[0]?.details).toEqual({
      replaces: false,
      effect: "DENY",
      users: ["bob@acme.awsapps.com"],
      notRoles: ["Archiver"],
    });
    expect((await cli.run("access-rule put x --effect deny --role nope --dry-run")).code).toBe(5);
  });

  it("accepts users by email address", async () => {
    await cli.ok("access-rule put no-imap --effect deny --protocol imap --user alice@acme.awsapps.com");
    expect((await cli.json<Rule[]>("access-rule list")).find((x) => x.name === "no-imap")?.users).toEqual([
      "alice@acme.awsapps.com",
    ]);
  });
});

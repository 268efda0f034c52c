import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAll } from "../../src/cli/command-tree.js";
import { isGroup, type AnyCommandSpec, type AnySpec } from "../../src/cli/define-command.js";
import { COMMANDS } from "../../src/commands/index.js";
import { MailOrg, message } from "../helpers/mail-org.js";
import { CliHarness } from "../helpers/run-cli.js";

/**
 * Issue #11 item 1: a field a command advertises (its `Fields:` help line, --fields, -o json) is
 * produced when asked for. Every command with an output spec is walked: it has a case here that runs
 * it with every declared field, or says why it is not run. In a case, each field must be set (not
 * null) in at least one row, unless `unset` says why the fixture cannot have it.
 */
interface Case {
  readonly argv?: string;
  /** Fields the fixture cannot fill, with the reason. */
  readonly unset?: Readonly<Record<string, string>>;
  /** Not run here, and why. */
  readonly skip?: string;
}

const MUTATING = "changes state: its result is checked in its own test file";
const CREATED_ONCE = "a one-off result of a change, checked in its own test file";

const CASES: Readonly<Record<string, Case>> = {
  // Directory
  "org list": {
    argv: "org list",
    unset: { migrationAdmin: "no migration admin is set", errorMessage: "acme did not fail" },
  },
  "org describe": {
    argv: "org describe acme",
    unset: { migrationAdmin: "no migration admin is set", errorMessage: "acme did not fail" },
  },
  "org inventory": { argv: "org inventory", unset: { note: "every area was read in full" } },
  "user list": {
    argv: "user list --all",
    unset: {
      identityProviderUserId: "needs IAM Identity Center users",
      identityProviderIdentityStoreId: "needs IAM Identity Center users",
    },
  },
  "user describe": {
    argv: "user describe bob",
    unset: {
      disabledDate: "bob is enabled",
      mailboxDeprovisionedDate: "bob is enabled",
      identityProviderUserId: "needs IAM Identity Center users",
      identityProviderIdentityStoreId: "needs IAM Identity Center users",
    },
  },
  "user update": {
    argv: "user update bob --office B2",
    unset: {
      disabledDate: "bob is enabled",
      mailboxDeprovisionedDate: "bob is enabled",
      identityProviderUserId: "needs IAM Identity Center users",
      identityProviderIdentityStoreId: "needs IAM Identity Center users",
    },
  },
  "group list": { argv: "group list" },
  "group describe": { argv: "group describe sales", unset: { disabledDate: "sales is enabled" } },
  "group members": { argv: "group members all-staff", unset: { disabledDate: "no member is disabled" } },
  "resource list": { argv: "resource list" },
  "resource describe": { argv: "resource describe room1", unset: { disabledDate: "room1 is enabled" } },
  "resource delegates": { argv: "resource delegates room1" },
  "alias list": { argv: "alias list", unset: { result: "only set by alias add / remove" } },
  whois: { argv: "whois bobby@acme.awsapps.com" },
  // Mailboxes and export
  "mailbox describe": { argv: "mailbox describe bob" },
  "mailbox permissions list": {
    argv: "mailbox permissions list bob",
    unset: { via: "only with --effective (its own test)" },
  },
  "export list": {
    argv: "export list",
    unset: {
      error: "the job completed",
      prefix: "no --prefix was given",
      roleArn: "the local backend needs no role",
      kmsKeyArn: "the local backend needs no key",
    },
  },
  "export describe": {
    argv: "export describe {job}",
    unset: {
      error: "the job completed",
      prefix: "no --prefix was given",
      roleArn: "the local backend needs no role",
      kmsKeyArn: "the local backend needs no key",
    },
  },
  // Domains and DNS
  "domain list": { argv: "domain list" },
  "domain describe": { argv: "domain describe acme.awsapps.com" },
  "domain records": { argv: "domain records example.com" },
  // Policies and settings
  "access-rule list": { argv: "access-rule list" },
  "mobile-rule list": { argv: "mobile-rule list" },
  "mobile-override list": { argv: "mobile-override list" },
  "mobile-override get": { argv: "mobile-override get bob DEVICE1" },
  "impersonation-role list": { argv: "impersonation-role list" },
  "impersonation-role describe": { argv: "impersonation-role describe archiver" },
  "retention show": { argv: "retention show" },
  "dmarc show": { argv: "dmarc show" },
  "idp show": { argv: "idp show" },
  "identity-center list": { argv: "identity-center list" },
  "identity-center describe": { argv: "identity-center describe WorkMail" },
  "availability list": { argv: "availability list", unset: { ewsUsername: "the fixture's provider is a Lambda" } },
  "token list": { argv: "token list", unset: { lastUsed: "the token was never used" } },
  "token describe": { argv: "token describe {token}", unset: { lastUsed: "the token was never used" } },
  "tag list": { argv: "tag list" },
  // wmctl itself
  "config list": { argv: "config list" },
  "config profiles": {
    argv: "config profiles",
    unset: {
      region: "not set in the profile",
      endpointUrl: "not set in the profile",
      awsProfile: "not set in the profile",
    },
  },
  "config path": { argv: "config path" },
  "local coverage": { argv: "local coverage" },
  "local lifecycle": { argv: "local lifecycle" },
  "local snapshots": { argv: "local snapshots" },
  "monitoring show": {
    argv: "monitoring show",
    unset: { logGroupArn: "event logging is off", roleArn: "event logging is off" },
  },
  "access-rule test": { skip: "evaluates the request given on its command line: access-rule.test.ts" },
  "mobile-rule test": { skip: "evaluates the device given on its command line: mobile.test.ts" },
  "impersonation-role test": { skip: "evaluates the target given on its command line: impersonation-role.test.ts" },
  "impersonation-role assume": { skip: CREATED_ONCE },
  "availability test": { skip: "calls the provider: settings.test.ts" },
  "domain verify": { skip: "needs DNS servers: test/dns/verify-domain.test.ts" },
  "autodiscover check": { skip: "needs DNS and HTTP servers: test/dns/autodiscover.test.ts" },
  "export wait": { skip: "waits on running jobs: export.test.ts" },
  "export verify": { skip: "checks an export's files: export.test.ts" },
  "export prereqs": { skip: "checks S3, KMS and IAM on the aws backend: aws-export-prereqs.test.ts" },
  "local serve": { skip: "runs a server until stopped: serve.test.ts" },
  "local credentials": { skip: "prints the served simulator's keys: local.test.ts" },
  "local status": { skip: "describes the simulator's files and servers: local.test.ts" },
  "local verification-dns": { skip: "a setting of the simulator: local.test.ts" },
  // Changes whose result is a record view: run last, they change the fixture.
  "group create": { argv: "group create probe --member alice", unset: { disabledDate: "probe is enabled" } },
  "resource create": {
    argv: "resource create probe-room --type room --description 'A room' --delegate alice",
    unset: { disabledDate: "probe-room is enabled" },
  },
  "mailbox set-quota": { argv: "mailbox set-quota alice 2GB" },
  "user disable": {
    argv: "user disable bob --yes",
    unset: {
      identityProviderUserId: "needs IAM Identity Center users",
      identityProviderIdentityStoreId: "needs IAM Identity Center users",
    },
  },
  "user enable": {
    argv: "user enable bob",
    unset: {
      disabledDate: "bob is enabled again",
      mailboxDeprovisionedDate: "bob is enabled again",
      identityProviderUserId: "needs IAM Identity Center users",
      identityProviderIdentityStoreId: "needs IAM Identity Center users",
    },
  },
  "group update": { argv: "group update sales --hidden", unset: { disabledDate: "sales is enabled" } },
  "resource update": {
    argv: "resource update room1 --description 'Bigger room'",
    unset: { disabledDate: "room1 is enabled" },
  },
  quickstart: { skip: MUTATING },
  setup: { skip: MUTATING },
  "org create": { skip: MUTATING },
  "org delete": { skip: MUTATING },
  "org restore": { skip: MUTATING },
  "user create": { skip: MUTATING },
  "user delete": { skip: MUTATING },
  "user reset-password": { skip: MUTATING },
  "group enable": { skip: MUTATING },
  "group disable": { skip: MUTATING },
  "group delete": { skip: MUTATING },
  "resource enable": { skip: MUTATING },
  "resource disable": { skip: MUTATING },
  "resource delete": { skip: MUTATING },
  "alias add": { skip: MUTATING },
  "alias remove": { skip: MUTATING },
  "domain add": { skip: MUTATING },
  "domain apply": { skip: MUTATING },
  "domain set-default": { skip: MUTATING },
  "domain remove": { skip: MUTATING },
  "mailbox permissions grant": { skip: MUTATING },
  "mailbox permissions revoke": { skip: MUTATING },
  "export start": { skip: MUTATING },
  "export cancel": { skip: MUTATING },
  "export all": { skip: MUTATING },
  "access-rule put": { skip: MUTATING },
  "access-rule delete": { skip: MUTATING },
  "mobile-rule create": { skip: MUTATING },
  "mobile-rule update": { skip: MUTATING },
  "mobile-rule delete": { skip: MUTATING },
  "mobile-override put": { skip: MUTATING },
  "mobile-override delete": { skip: MUTATING },
  "impersonation-role create": { skip: MUTATING },
  "impersonation-role update": { skip: MUTATING },
  "impersonation-role delete": { skip: MUTATING },
  "retention set": { skip: MUTATING },
  "retention delete": { skip: MUTATING },
  "dmarc enable": { skip: MUTATING },
  "dmarc disable": { skip: MUTATING },
  "monitoring enable": { skip: MUTATING },
  "monitoring disable": { skip: MUTATING },
  "availability create": { skip: MUTATING },
  "availability update": { skip: MUTATING },
  "availability delete": { skip: MUTATING },
  "identity-center create": { skip: MUTATING },
  "identity-center delete": { skip: MUTATING },
  "idp set": { skip: MUTATING },
  "idp delete": { skip: MUTATING },
  "token delete": { skip: MUTATING },
  "tag add": { skip: MUTATING },
  "tag remove": { skip: MUTATING },
  "local restore": { skip: MUTATING },
  "local advance": { skip: MUTATING },
  "local faults": { skip: MUTATING },
  "local snapshot": { skip: MUTATING },
  "local issue-token": { skip: MUTATING },
  "local deliver": { skip: MUTATING },
  // Bulk work, desired state and leaving WorkMail: per-row results of a change or a run against other servers
  apply: { skip: "a plan or the changes it made: apply.test.ts and apply-roundtrip.test.ts" },
  "bulk create": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk update": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk enable": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk disable": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk delete": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk reset-password": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk add-member": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk remove-member": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk create-group": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk create-resource": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk add-alias": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk remove-alias": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk grant": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk revoke": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk set-quota": { skip: "per-row results of a change: bulk.test.ts" },
  "bulk offboard": { skip: "per-row results of a change: bulk.test.ts" },
  "migrate plan": { skip: "writes a migration folder: migrate-plan tests (test/cli, test/e2e)" },
  "migrate mail": { skip: "copies into a Dovecot server: test/e2e/migrate-mail.test.ts" },
  "migrate verify": { skip: "compares with a Dovecot server: test/e2e/migrate-mail.test.ts" },
  "migrate status": { skip: "reads the ledger migrate mail writes: test/cli/migrate.test.ts and the e2e" },
};

function commandsWithOutput(
  specs: readonly AnySpec[],
  path: string[] = [],
): Array<{ path: string; spec: AnyCommandSpec }> {
  return specs.flatMap((s) =>
    isGroup(s)
      ? commandsWithOutput(s.commands, [...path, s.name])
      : s.output
        ? [{ path: [...path, s.name].join(" "), spec: s }]
        : [],
  );
}

let cli: CliHarness;
let jobId: string;
let tokenId: string;
beforeAll(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
  const o = await MailOrg.attach(cli.home);
  try {
    for (const [name, extra] of [
      ["bob", "--alias bobby"],
      ["alice", ""],
      ["carol", ""],
    ] as const) {
      await cli.ok(`user create ${name} --generate-password ${extra}`);
    }
    await cli.ok(
      "user update bob --first-name Bob --last-name Smith --initials BS --telephone +33123 --street '1 rue' --job-title Lead --city Paris --company Acme --zip-code 75002 --department Sales --country France --office B1 --hidden",
    );
    await cli.ok("user disable carol --yes");
    await cli.ok("group create sales --member bob");
    await cli.ok("group create all-staff --member sales,alice");
    await cli.ok("group create hidden-team --hidden");
    await cli.ok("group create old-team");
    await cli.ok("group disable old-team --yes");
    await cli.ok(
      "resource create room1 --type room --description 'Big room' --delegate bob --hidden --no-auto-accept --decline-recurring",
    );
    await cli.ok("resource create beamer --type equipment");
    await cli.ok("resource disable beamer --yes");
    await cli.ok("mailbox permissions grant bob alice -p FULL_ACCESS");
    await o.deliver(o.email("bob"), [message("one"), message("two")]);
    await cli.ok("domain add example.com");
    await cli.ok("access-rule put no-imap --effect deny --protocol imap --user alice --description 'no IMAP'");
    await cli.ok("impersonation-role create archiver --type read-only --allow-all --description 'backup tool'");
    await cli.ok("impersonation-role create auditor --type read-only --allow-all");
    await cli.ok(
      "access-rule put office --effect allow --not-protocol ews --ip 10.0.0.0/8 --not-ip 10.9.0.0/16 --not-user carol --role archiver --not-role auditor",
    );
    await cli.ok("mobile-rule create BlockAndroid --effect deny --device-type android --description 'no Android'");
    await cli.ok(
      "mobile-rule create Odd --effect allow --not-device-type x --device-model m --not-device-model n --os o --not-os p --user-agent q --not-user-agent r",
    );
    await cli.ok("mobile-override put bob DEVICE1 --effect allow --description 'CEO phone'");
    await cli.ok("retention set --folder inbox=permanently-delete:30 --name keep --description 'short inbox' --yes");
    await cli.ok("availability create partner.example --lambda-arn arn:aws:lambda:us-east-1:111122223333:function:cap");
    await cli.ok("tag add team=mail");
    await cli.ok("local snapshot before");
    const instance = "arn:aws:sso:::instance/ssoins-1234567890abcdef";
    const app = (
      await cli.ok(`identity-center create WorkMail --instance-arn ${instance} --fields applicationArn`)
    ).stdout.trim();
    await cli.ok(
      `idp set --instance-arn ${instance} --application-arn ${app} --mode idp-and-directory --tokens active --token-lifetime-days 90`,
    );
    tokenId = JSON.parse((await cli.ok("local issue-token --user bob --name laptop -o json")).stdout).id as string;
    jobId = JSON.parse((await cli.ok("export start bob --wait --description leaver -o json")).stdout).id as string;
  } finally {
    await o.close();
  }
});
afterAll(() => cli.cleanup());

describe("every declared output field is produced", () => {
  it("has a case for every command with an output spec", async () => {
    const paths = commandsWithOutput(await loadAll(COMMANDS)).map((c) => c.path);
    expect(paths.filter((p) => CASES[p] === undefined)).toEqual([]);
  });

  for (const [path, c] of Object.entries(CASES)) {
    if (c.argv === undefined) continue;
    it(`${path} fills every field it declares`, async () => {
      const commands = commandsWithOutput(await loadAll(COMMANDS));
      const spec = commands.find((x) => x.path === path)?.spec;
      expect(spec, path).toBeDefined();
      const fields = spec?.output?.fields ?? [];
      const argv = (c.argv ?? "").replace("{job}", jobId).replace("{token}", tokenId);
      const r = await cli.ok(`${argv} --fields ${fields.join(",")} -o json`);
      const parsed = JSON.parse(r.stdout) as Record<string, unknown> | Array<Record<string, unknown>>;
      const rows = Array.isArray(parsed) ? parsed : [parsed];
      expect(rows.length, `${path} printed no rows`).toBeGreaterThan(0);
      const missing = fields.filter((f) => !rows.some((row) => row[f] !== null && row[f] !== undefined));
      expect(missing.filter((f) => c.unset?.[f] === undefined)).toEqual([]);
    });
  }
});

describe("lists fetch the details their listing call lacks", () => {
  it("user list --fields with a detail field prints it in every format, in the listing's order", async () => {
    const csv = (await cli.ok("user list --fields name,jobTitle,department,aliases,groups -o csv")).stdout;
    expect(csv).toBe(
      'name,jobTitle,department,aliases,groups\nbob,Lead,Sales,bobby@acme.awsapps.com,sales\nalice,,,,"all-staff,probe"\ncarol,,,,\n',
    );
    expect((await cli.ok("user list --fields name,city")).stdout).toBe("bob\tParis\nalice\t\ncarol\t\n");
  });
});

describe("missing pieces (issue #11 item 16)", () => {
  it("user list --group lists the members of a group, through nested groups", async () => {
    expect((await cli.ok("user list --group all-staff --fields name")).stdout).toBe("bob\nalice\n");
    expect((await cli.ok("user list --group sales@acme.awsapps.com --fields name")).stdout).toBe("bob\n");
    expect((await cli.run("user list --group nosuch")).code).toBe(5);
  });

  it("group members shows each member's address", async () => {
    expect((await cli.ok("group members all-staff --fields name,email")).stdout).toBe(
      "alice\talice@acme.awsapps.com\nsales\tsales@acme.awsapps.com\n",
    );
  });
});

describe("--sort (issue #11 item 16)", () => {
  it("sorts a list by any of its fields, in every format; empty values last", async () => {
    expect((await cli.ok("user list --sort name --fields name")).stdout).toBe("alice\nbob\ncarol\n");
    expect((await cli.ok("user list --sort name:desc --fields name")).stdout).toBe("carol\nbob\nalice\n");
    expect(
      (await cli.json<Array<{ name: string }>>("user list --sort jobTitle:desc --fields name,jobTitle")).map(
        (u) => u.name,
      )[0],
    ).toBe("bob");
    expect((await cli.ok("user list --sort jobTitle --fields name,jobTitle -o csv")).stdout.split("\n")[1]).toBe(
      "bob,Lead",
    );
  });

  it("refuses an unknown field or a command without a list before any API call (exit 2)", async () => {
    const bad = await cli.run("user list --sort colour");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --sort: unknown field "colour"\nhint: fields: id, name, /);
    const record = await cli.run("user describe bob --sort name");
    expect(record.code).toBe(2);
    expect(record.stderr).toBe("error: --sort: this command prints no list to sort\n");
  });
});

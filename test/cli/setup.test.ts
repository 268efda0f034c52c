import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";
import { ScriptedPrompter } from "../helpers/scripted-prompter.js";

let cli: CliHarness;
beforeEach(() => {
  cli = new CliHarness();
});
afterEach(() => cli.cleanup());

interface SetupJson {
  organization: string;
  domain?: string;
  domainStatus?: string;
  defaultDomain: string;
  user?: string;
  email?: string;
  generatedPassword?: string;
  commandLine: string;
  organizationId: string;
}

describe("wmctl setup", () => {
  it("fails at once without a terminal, naming every missing flag, and creates nothing", async () => {
    const r = await cli.run("setup --domain example.com");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: setup cannot ask its questions without a terminal; missing: --create-org ALIAS (or --org ALIAS for an existing one); --dns route53|print|skip; --admin NAME (or --skip-admin)\n" +
        "hint: e.g. wmctl setup --create-org acme --domain example.com --dns route53 --wait --admin admin --generate-password\n",
    );
    expect(await cli.json("org list")).toEqual([]);
  });

  it("runs non-interactively from flags: organization, domain in Route 53, verification, default, first user", async () => {
    const r = await cli.json<SetupJson>(
      "setup --create-org acme --domain example.com --dns route53 --wait --admin admin --admin-display-name 'The Admin' --generate-password",
    );
    expect(r).toMatchObject({
      organization: "acme",
      domain: "example.com",
      domainStatus: "VERIFIED",
      defaultDomain: "example.com",
      user: "admin",
      email: "admin@example.com",
    });
    expect(r.generatedPassword).toMatch(/^.{20}$/);
    // Quoted as every hint of wmctl quotes (src/output/shell-quote.ts).
    expect(r.commandLine).toBe(
      'wmctl setup --create-org acme --domain example.com --dns route53 --wait --admin admin --admin-display-name "The Admin" --generate-password',
    );
    const verify = await cli.run("domain verify example.com --skip-autodiscover");
    expect(verify.code).toBe(0);
  });

  it("runs again with the command line it printed, reusing what exists (issue #11 item 6)", async () => {
    const first = await cli.json<SetupJson>(
      "setup --create-org acme --domain example.com --dns route53 --wait --admin admin --generate-password",
    );
    const again = await cli.run(["--no-color", ...first.commandLine.split(" ").slice(1), "-o", "json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      organization: "acme",
      organizationId: first.organizationId,
      domainStatus: "VERIFIED",
      defaultDomain: "example.com",
      user: "admin",
      email: "admin@example.com",
    });
    expect(JSON.parse(again.stdout)).not.toHaveProperty("generatedPassword");
    expect(again.stderr).toContain(`✓ Organization acme already exists (${first.organizationId}); using it\n`);
    expect(again.stderr).toContain("✓ example.com is already added (VERIFIED)\n");
    expect(again.stderr).toContain(
      "✓ User admin already exists <admin@example.com>; using it (its password was not changed: wmctl user reset-password admin)\n",
    );
    expect((await cli.json<unknown[]>("org list")).length).toBe(1);
    expect((await cli.json<unknown[]>("user list")).length).toBe(1);
  });

  it("prints the records for another DNS host and keeps the test domain as the default meanwhile", async () => {
    const r = await cli.run(
      "setup --create-org acme --domain example.com --dns print --admin alice --password-stdin -o json",
      { stdin: "Passw0rd!x\n" },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Publish these records at your DNS host:\n; Amazon WorkMail records for example\.com/);
    expect(r.stderr).toMatch(/^example\.com\.\s+3600\s+IN\s+MX\s+10 inbound-smtp\.us-east-1\.amazonaws\.com\.$/m);
    const out = JSON.parse(r.stdout) as SetupJson;
    expect(out).toMatchObject({
      domainStatus: "PENDING",
      defaultDomain: "acme.awsapps.com",
      email: "alice@acme.awsapps.com",
    });
    expect(out.generatedPassword).toBeUndefined();
    expect(r.stdout + r.stderr).not.toContain("Passw0rd!x");
  });

  it("asks on a terminal, each question naming its flag, and prints the equivalent command line", async () => {
    await cli.ok("org create existing");
    const prompter = new ScriptedPrompter([
      "+new",
      "acme",
      "example.com",
      "route53",
      true,
      "admin",
      "Passw0rd!x",
      "Passw0rd!x",
    ]);
    const r = await cli.run("setup", { prompter });
    expect(r.code).toBe(0);
    expect(prompter.asked).toEqual([
      "Organization",
      "Alias of the new organization (its web app is https://<alias>.awsapps.com/mail)",
      "Your mail domain (empty to skip; the test domain <alias>.awsapps.com works meanwhile)",
      "Publish example.com's DNS records",
      "Wait for WorkMail to verify the domain now?",
      "Name of the first user, e.g. admin (empty to skip)",
      "Password",
      "Repeat password",
    ]);
    expect(r.stderr).toContain(
      "The same setup, without questions:\n  wmctl setup --create-org acme --domain example.com --dns route53 --wait --admin admin --password-stdin\n",
    );
    expect(r.stderr).toContain("example.com is verified and is now the default domain");
    expect(r.stdout).not.toContain("Passw0rd!x");
  });

  it("uses an existing organization given with --org and skips what it is told to skip", async () => {
    await cli.ok("org create acme");
    const r = await cli.json<SetupJson>("--org acme setup --skip-domain --skip-admin");
    expect(r).toMatchObject({
      organization: "acme",
      defaultDomain: "acme.awsapps.com",
      commandLine: "wmctl setup --org acme --skip-domain --skip-admin",
    });
  });

  it("reads the password before creating anything, and checks the first user's name up front", async () => {
    const missing = await cli.run(
      "setup --create-org acme --domain example.com --dns route53 --admin admin --password-file /nonexistent/pw.txt",
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("error: --password-file /nonexistent/pw.txt does not exist");
    const bad = await cli.run("setup --create-org acme --skip-domain --admin 'bad name!' --generate-password");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--admin: "bad name!" is not a valid user name');
    expect(await cli.json("org list")).toEqual([]);
  });

  it("waits for verification no longer than --timeout, then carries on with the test domain", async () => {
    const r = await cli.run(
      "setup --create-org acme --domain example.com --dns print --wait --timeout 1s --skip-admin -o json",
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("example.com is still not verified; carrying on with the test domain");
    expect(JSON.parse(r.stdout)).toMatchObject({ domainStatus: "PENDING", defaultDomain: "acme.awsapps.com" });
  });
});

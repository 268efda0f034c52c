import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliHarness } from "../helpers/run-cli.js";
import { seedOrgWithUsers } from "../helpers/seed-org-users.js";

let cli: CliHarness;
beforeEach(async () => {
  cli = new CliHarness();
  await seedOrgWithUsers(cli, ["bob", "alice", "ceo"], { disabled: ["dora"] });
});
afterEach(() => cli.cleanup());

interface Role {
  id: string;
  name: string;
  type: string;
  ruleSummary: string;
  rules: Array<{ id: string; name: string; effect: string; targetUsers?: string[]; notTargetUsers?: string[] }>;
}

describe("wmctl impersonation-role", () => {
  it("creates a read-only role that may impersonate everyone but the CEO, and tests it", async () => {
    const created = await cli.run("impersonation-role create archiver --type read-only --allow-all --deny ceo");
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(/Created impersonation role archiver \([0-9a-f-]{36}\)/);
    const role = await cli.json<Role>("impersonation-role describe archiver");
    expect(role).toMatchObject({
      name: "archiver",
      type: "READ_ONLY",
      ruleSummary: "allow-all: ALLOW all users; deny-users: DENY ceo@acme.awsapps.com",
    });
    expect(role.rules[1]).toEqual({
      id: "deny-users",
      name: "deny-users",
      effect: "DENY",
      targetUsers: ["ceo@acme.awsapps.com"],
    });
    expect((await cli.ok("impersonation-role test archiver --target bob")).stdout).toBe(
      "archiver\tbob@acme.awsapps.com\tREAD_ONLY\tALLOW\tallow-all\n",
    );
    expect((await cli.ok("impersonation-role test archiver --target ceo --fields effect,matchedRules")).stdout).toBe(
      "DENY\tdeny-users\n",
    );
  });

  it("a role without rules impersonates nobody, and says so", async () => {
    const r = await cli.run("impersonation-role create empty --type full-access");
    expect(r.stderr).toContain("role empty has no rules: it cannot impersonate anyone");
    expect((await cli.ok("impersonation-role test empty --target bob --fields effect")).stdout).toBe("DENY\n");
    expect((await cli.ok("impersonation-role describe empty --fields ruleSummary")).stdout).toBe(
      "no rules: impersonates nobody\n",
    );
  });

  it("targets selected users or everyone else", async () => {
    await cli.ok("impersonation-role create helpdesk --type full --allow bob,alice");
    await cli.ok("impersonation-role create most --type read_only --allow-except ceo");
    const t = async (role: string, user: string) =>
      (await cli.ok(`impersonation-role test ${role} --target ${user} --fields effect`)).stdout.trim();
    expect([await t("helpdesk", "bob"), await t("helpdesk", "alice"), await t("helpdesk", "ceo")]).toEqual([
      "ALLOW",
      "ALLOW",
      "DENY",
    ]);
    expect([await t("most", "bob"), await t("most", "ceo")]).toEqual(["ALLOW", "DENY"]);
    const disabled = await cli.run("impersonation-role test most --target dora");
    expect(disabled.code).toBe(6);
    expect(disabled.stderr).toContain("EntityStateException");
  });

  it("updates: rule flags replace the rules, the rest stays; names and ids both work", async () => {
    const { id } = await cli.json<Role>(
      "impersonation-role create svc --type read-only --allow-all --description 'backup tool'",
    );
    const updated = await cli.json<Role>(`impersonation-role update ${id} --name svc2 --deny-except bob`);
    expect(updated).toMatchObject({
      name: "svc2",
      type: "READ_ONLY",
      ruleSummary: "deny-all-except: DENY all except bob@acme.awsapps.com",
    });
    const typed = await cli.json<Role>("impersonation-role update svc2 --type full-access");
    expect(typed.ruleSummary).toBe(updated.ruleSummary);
    expect(typed.type).toBe("FULL_ACCESS");
    const plan = await cli.run("impersonation-role update svc2 --clear-rules --dry-run");
    expect(plan.stderr).toContain("role svc2 has no rules: it cannot impersonate anyone");
    const cleared = await cli.json<Role>("impersonation-role update svc2 --clear-rules");
    expect(cleared.rules).toEqual([]);
    expect((await cli.json<Role>("impersonation-role update svc2 --clear-rules --allow bob")).ruleSummary).toBe(
      "allow-users: ALLOW bob@acme.awsapps.com",
    );
  });

  it("reads rules from a JSON file and refuses a malformed one", async () => {
    const file = join(cli.home, "rules.json");
    writeFileSync(
      file,
      JSON.stringify([
        { name: "Allow all", effect: "allow" },
        { name: "No CEO", effect: "DENY", targetUsers: ["ceo"] },
      ]),
    );
    const role = await cli.json<Role>(`impersonation-role create from-file --type read-only --rules-file ${file}`);
    expect(role.rules.map((r) => [r.id, r.name, r.effect])).toEqual([
      ["Allow-all", "Allow all", "ALLOW"],
      ["No-CEO", "No CEO", "DENY"],
    ]);
    writeFileSync(file, JSON.stringify([{ name: "x", effect: "maybe" }]));
    const bad = await cli.run(`impersonation-role create bad --type read-only --rules-file ${file}`);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`--rules-file: rule 1 of ${file} needs "effect": "ALLOW" or "DENY"`);
    const stdin = await cli.json<Role>("impersonation-role create piped --type read-only --rules-file -", {
      stdin: '[{"name":"all","effect":"ALLOW"}]',
    });
    expect(stdin.ruleSummary).toBe("all: ALLOW all users");
  });

  it("round-trips `describe -o json` rules through --rules-file", async () => {
    await cli.ok("impersonation-role create a --type read-only --allow-all --deny ceo");
    const rules = (await cli.json<Role>("impersonation-role describe a")).rules;
    const file = join(cli.home, "r.json");
    writeFileSync(file, JSON.stringify(rules));
    const b = await cli.json<Role>(`impersonation-role create b --type read-only --rules-file ${file}`);
    expect(b.rules).toEqual(rules);
  });

  it("assumes a role: the token goes to stdout once, valid 15 minutes", async () => {
    await cli.ok("impersonation-role create svc --type read-only --allow-all");
    const r = await cli.ok("impersonation-role assume svc --fields token");
    expect(r.stdout).toMatch(/^[\x21-\x7e]{20,}\n$/);
    expect(r.stderr).toContain("use it within 15 minutes; it is shown only now");
    expect(r.stderr).not.toContain(r.stdout.trim());
    const j = await cli.json<{ expiresIn: number; expiresAt: string }>("impersonation-role assume svc");
    expect(j.expiresIn).toBe(900);
    const again = await cli.ok("impersonation-role assume svc --fields token");
    expect(again.stdout).not.toBe(r.stdout);
  });

  it("refuses an unknown type, an unknown role, and a duplicate name", async () => {
    const type = await cli.run("impersonation-role create x --type admin");
    expect(type.code).toBe(2);
    expect(type.stderr).toContain('--type: unknown role type "admin"');
    expect((await cli.run("impersonation-role describe nope")).code).toBe(5);
    const first = JSON.parse((await cli.ok("impersonation-role create dup --type read-only -o json")).stdout) as {
      id: string;
    };
    // A name already used is a conflict (exit 6), refused before anything is sent, also in a dry run.
    const dup = await cli.run("impersonation-role create DUP --type read-only");
    expect(dup.code).toBe(6);
    expect(dup.stderr).toBe(
      `error: an impersonation role named "dup" already exists (${first.id})\nhint: change it with \`wmctl impersonation-role update dup\`, or choose another name\n`,
    );
    expect((await cli.run("impersonation-role create dup --type read-only --dry-run")).code).toBe(6);
  });

  it("lists roles and deletes with confirmation", async () => {
    await cli.ok("impersonation-role create a --type read-only");
    await cli.ok("impersonation-role create b --type full-access");
    expect((await cli.ok("impersonation-role list --fields name,type")).stdout).toBe("a\tREAD_ONLY\nb\tFULL_ACCESS\n");
    expect((await cli.run("impersonation-role delete a")).code).toBe(2);
    expect((await cli.ok("impersonation-role delete a --dry-run")).stdout).toMatch(
      /^would DeleteImpersonationRole a  id=[0-9a-f-]{36}\n$/,
    );
    await cli.ok("impersonation-role delete a --yes");
    expect((await cli.ok("impersonation-role list --fields name")).stdout).toBe("b\n");
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalBackend } from "../../src/local-backend/index.js";
import { spawnCli } from "../helpers/spawn-cli.js";

const home = mkdtempSync(join(tmpdir(), "wmctl-e2e-policies-"));
const env = { WMCTL_HOME: home };
const run = (...args: string[]) => spawnCli(args, { env });

beforeAll(async () => {
  expect((await run("org", "create", "policies")).code).toBe(0);
  const backend = await LocalBackend.open({ dir: home, region: "us-east-1" });
  try {
    const org = (await backend.listOrganizations({})).OrganizationSummaries?.[0]?.OrganizationId as string;
    for (const name of ["bob", "ceo"]) {
      const id = (
        await backend.createUser({ OrganizationId: org, Name: name, DisplayName: name, Password: "Passw0rd!x" })
      ).UserId as string;
      await backend.registerToWorkMail({ OrganizationId: org, EntityId: id, Email: `${name}@policies.awsapps.com` });
    }
  } finally {
    backend.close();
  }
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("policy commands of the built binary", () => {
  it("access rules: a DENY wins, and deleting every rule blocks all access", async () => {
    expect(
      (await run("access-rule", "put", "no-imap", "--effect", "deny", "--protocol", "imap", "--user", "bob")).code,
    ).toBe(0);
    const denied = await run(
      "access-rule",
      "test",
      "--protocol",
      "imap",
      "--ip",
      "198.51.100.1",
      "--user",
      "bob",
      "--json",
    );
    expect(JSON.parse(denied.stdout)).toMatchObject({ effect: "DENY", matchedRules: ["no-imap"] });
    const refused = await run("access-rule", "delete", "default");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: Delete access control rule default: confirmation needed\nhint: pass --yes/);
    expect((await run("access-rule", "delete", "default", "--yes")).code).toBe(0);
    expect((await run("access-rule", "delete", "no-imap", "--yes")).stderr).toContain(
      "all access to this organization's mailboxes is blocked",
    );
    const blocked = await run(
      "access-rule",
      "test",
      "--protocol",
      "ews",
      "--ip",
      "10.0.0.1",
      "--user",
      "bob",
      "--fields",
      "effect",
    );
    expect(blocked.stdout).toBe("DENY\n");
    const bad = await run("access-rule", "put", "x", "--effect", "allow", "--ip", "10.0.0.0/99");
    expect(bad.code).toBe(2);
    expect(bad.stderr.split("\n")[0]).toBe(
      'error: --ip: the prefix length in "10.0.0.0/99" must be a whole number 0-32',
    );
  });

  it("impersonation: the token reaches stdout once and never stderr", async () => {
    expect(
      (await run("impersonation-role", "create", "archiver", "--type", "read-only", "--allow-all", "--deny", "ceo"))
        .code,
    ).toBe(0);
    expect((await run("impersonation-role", "test", "archiver", "--target", "ceo", "--fields", "effect")).stdout).toBe(
      "DENY\n",
    );
    const r = await run("impersonation-role", "assume", "archiver", "--fields", "token", "--debug");
    expect(r.code).toBe(0);
    const token = r.stdout.trim();
    expect(token.length).toBeGreaterThan(20);
    expect(r.stderr).not.toContain(token);
  });

  it("mobile rules and overrides: deny-all, then one approved device", async () => {
    expect((await run("mobile-rule", "create", "DefaultDenyAll", "--effect", "deny")).code).toBe(0);
    expect((await run("mobile-override", "put", "bob", "6APMEKPHCP2ND42VIJ4BR8ECD0", "--effect", "allow")).code).toBe(
      0,
    );
    const ok = await run(
      "mobile-rule",
      "test",
      "--device-type",
      "iPhone",
      "--user",
      "bob",
      "--device-id",
      "6APMEKPHCP2ND42VIJ4BR8ECD0",
      "--fields",
      "effect,decidedBy",
    );
    expect(ok.stdout).toBe("ALLOW\toverride\n");
    expect((await run("mobile-rule", "test", "--device-type", "iPhone", "--fields", "effect")).stdout).toBe("DENY\n");
  });
});

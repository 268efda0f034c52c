import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WorkMailApi } from "../../src/backend/workmail-api.js";
import { DomainMap } from "../../src/inventory/domain-map.js";
import { LocalBackend } from "../../src/local-backend/index.js";
import { comparableInventory, readInventoryJson } from "../helpers/inventory-compare.js";
import { CliHarness } from "../helpers/run-cli.js";

let cli: CliHarness;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
  await cli.ok("org create rehearsal");
});
afterEach(() => cli.cleanup());

/** Runs `fn` against the test's local store directly (what the area commands would do). */
async function withStore<T>(
  fn: (api: WorkMailApi, orgId: (alias: string) => Promise<string>) => Promise<T>,
): Promise<T> {
  const api = (await LocalBackend.open({ dir: cli.home, region: "us-east-1" })) as LocalBackend & WorkMailApi;
  try {
    const orgId = async (alias: string) =>
      ((await api.listOrganizations({})).OrganizationSummaries ?? []).find((o) => o.Alias === alias)
        ?.OrganizationId as string;
    return await fn(api, orgId);
  } finally {
    api.close();
  }
}

interface StepRow {
  step: string;
  action: string;
  target: string;
  result: string;
  message?: string;
}

describe("domains in the inventory and the restore", () => {
  it("lists each domain with its statuses and records, and registers it (mapped) in the target", async () => {
    await withStore(async (api, orgId) =>
      api.registerMailDomain({ OrganizationId: await orgId("acme"), DomainName: "example.com" }),
    );
    const src = join(cli.home, "acme");
    await cli.ok(["--org", "acme", "org", "inventory", "--out", src]);
    const doc = readInventoryJson(src);
    expect(doc.areas.domains?.map((d) => [d.name, d.isTestDomain, d.isDefault, d.ownershipVerificationStatus])).toEqual(
      [
        ["acme.awsapps.com", true, true, "VERIFIED"],
        ["example.com", false, false, "PENDING"],
      ],
    );
    const records = doc.areas.domains?.[1]?.records ?? [];
    expect(records.map((r) => r.type)).toEqual(expect.arrayContaining(["TXT", "MX", "CNAME"]));
    const csv = (await cli.ok("--org acme org inventory --table domain-records -o csv")).stdout.split("\n");
    expect(csv[0]).toBe("domain,type,hostname,value");
    expect(csv.filter((l) => l.startsWith("example.com,"))).toHaveLength(records.length);

    // The domain belongs to acme: registering it in another organization fails, and says so.
    const clash = await cli.run(["--org", "rehearsal", "org", "restore", "--from", src, "--details", "-o", "json"]);
    expect(clash.code).toBe(1);
    expect(JSON.parse(clash.stdout) as StepRow[]).toContainEqual(
      expect.objectContaining({
        step: "domains",
        target: "example.com",
        result: "failed",
        message: expect.stringContaining("MailDomainInUseException") as unknown,
      }),
    );

    const mapped = await cli.run([
      "--org",
      "rehearsal",
      "org",
      "restore",
      "--from",
      src,
      "--map-domain",
      "example.com=example.net",
      "--yes",
      "--details",
      "-o",
      "json",
    ]);
    expect(mapped.code, mapped.stderr).toBe(0);
    const rows = JSON.parse(mapped.stdout) as StepRow[];
    expect(rows).toContainEqual({
      step: "domains",
      action: "RegisterMailDomain",
      target: "example.com -> example.net",
      result: "created",
      message:
        "PENDING until its records are published: wmctl domain records example.net, then wmctl domain verify example.net",
    });
    expect(rows).toContainEqual(
      expect.objectContaining({ step: "domains", target: "acme.awsapps.com", result: "skipped" }),
    );

    const dst = join(cli.home, "rehearsal");
    await cli.ok(["--org", "rehearsal", "org", "inventory", "--out", dst]);
    const map = DomainMap.parse(["example.com=example.net", "acme.awsapps.com=rehearsal.awsapps.com"]);
    expect(comparableInventory(readInventoryJson(dst), DomainMap.none, "rehearsal.awsapps.com")).toEqual(
      comparableInventory(doc, map, "rehearsal.awsapps.com"),
    );
    const again = await cli.run([
      "--org",
      "rehearsal",
      "org",
      "restore",
      "--from",
      src,
      "--map-domain",
      "example.com=example.net",
      "--yes",
      "--details",
      "-o",
      "json",
    ]);
    expect(JSON.parse(again.stdout) as StepRow[]).toContainEqual(
      expect.objectContaining({
        step: "domains",
        result: "skipped",
        message: "already a domain of the target (PENDING)",
      }),
    );
  });
});

describe("mailbox quotas and permissions in the inventory and the restore", () => {
  it("keeps quotas (not sizes) and permissions by name, and restores them", async () => {
    await cli.ok("user create alice --generate-password");
    await cli.ok("user create bob --generate-password");
    await cli.ok("group create sales --member bob");
    await cli.ok("resource create room-1 --type room");
    await withStore(async (api, orgId) => {
      const org = await orgId("acme");
      await api.updateMailboxQuota({ OrganizationId: org, UserId: "alice", MailboxQuota: 2048 });
      await api.putMailboxPermissions({
        OrganizationId: org,
        EntityId: "alice",
        GranteeId: "bob",
        PermissionValues: ["SEND_AS", "FULL_ACCESS"],
      });
      await api.putMailboxPermissions({
        OrganizationId: org,
        EntityId: "alice",
        GranteeId: "sales",
        PermissionValues: ["SEND_ON_BEHALF"],
      });
      await api.putMailboxPermissions({
        OrganizationId: org,
        EntityId: "room-1",
        GranteeId: "bob",
        PermissionValues: ["FULL_ACCESS"],
      });
    });
    const src = join(cli.home, "acme");
    await cli.ok(["--org", "acme", "org", "inventory", "--out", src]);
    const doc = readInventoryJson(src);
    expect(doc.areas.mailboxes?.map((m) => [m.user, m.quotaMb, typeof m.sizeMb])).toEqual([
      ["alice", 2048, "number"],
      ["bob", 51_200, "number"],
    ]);
    expect(doc.areas["mailbox-permissions"]).toEqual([
      {
        mailbox: "alice",
        mailboxType: "USER",
        grantee: "bob",
        granteeType: "USER",
        permissions: ["FULL_ACCESS", "SEND_AS"],
      },
      {
        mailbox: "alice",
        mailboxType: "USER",
        grantee: "sales",
        granteeType: "GROUP",
        permissions: ["SEND_ON_BEHALF"],
      },
      { mailbox: "room-1", mailboxType: "RESOURCE", grantee: "bob", granteeType: "USER", permissions: ["FULL_ACCESS"] },
    ]);
    expect((await cli.ok("--org acme org inventory --table mailbox-permissions -o csv")).stdout).toBe(
      "mailbox,mailboxType,grantee,granteeType,permissions\nalice,USER,bob,USER,FULL_ACCESS;SEND_AS\nalice,USER,sales,GROUP,SEND_ON_BEHALF\nroom-1,RESOURCE,bob,USER,FULL_ACCESS\n",
    );

    const restored = await cli.run(["--org", "rehearsal", "org", "restore", "--from", src, "--details", "-o", "json"]);
    expect(restored.code, restored.stderr).toBe(0);
    const rows = JSON.parse(restored.stdout) as StepRow[];
    expect(rows.filter((r) => r.step === "mailboxes").map((r) => [r.target, r.result, r.message])).toEqual([
      ["alice", "updated", "quota 2048 MB"],
      ["bob", "skipped", "quota 51200 MB"],
    ]);
    expect(rows.filter((r) => r.step === "mailbox-permissions").map((r) => [r.target, r.result])).toEqual([
      ["alice -> bob", "created"],
      ["alice -> sales", "created"],
      ["room-1 -> bob", "created"],
    ]);
    const dst = join(cli.home, "rehearsal");
    await cli.ok(["--org", "rehearsal", "org", "inventory", "--out", dst]);
    const map = DomainMap.parse(["acme.awsapps.com=rehearsal.awsapps.com"]);
    expect(comparableInventory(readInventoryJson(dst), DomainMap.none, "rehearsal.awsapps.com")).toEqual(
      comparableInventory(doc, map, "rehearsal.awsapps.com"),
    );
    const again = await cli.run([
      "--org",
      "rehearsal",
      "org",
      "restore",
      "--from",
      src,
      "--yes",
      "--details",
      "-o",
      "json",
    ]);
    expect(
      (JSON.parse(again.stdout) as StepRow[]).filter((r) => r.step.startsWith("mailbox") && r.result !== "skipped"),
    ).toEqual([]);
  });
});

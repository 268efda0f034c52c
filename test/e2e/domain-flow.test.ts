import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalSim } from "../helpers/local-sim.js";
import { spawnCli } from "../helpers/spawn-cli.js";

/**
 * The whole mail-domain flow offline, as an admin runs it: the built CLI against the simulator's
 * store, with the simulator's DNS and AutoDiscover servers running (advertised in the store, as
 * `wmctl local serve` will run them).
 */
const home = mkdtempSync(join(tmpdir(), "wmctl-e2e-domain-"));
const env = { WMCTL_HOME: home };
let sim: LocalSim;

beforeAll(async () => {
  expect((await spawnCli(["org", "create", "acme"], { env })).code).toBe(0);
  sim = await LocalSim.open({ dir: home });
  await sim.startDns(true);
  await sim.startAutodiscover(true);
});
afterAll(async () => {
  await sim?.close();
  rmSync(home, { recursive: true, force: true });
});

describe("the domain flow, end to end and offline", () => {
  it("add -> verify (3) -> apply -> verify --wait (0) -> set-default -> autodiscover check", async () => {
    const add = await spawnCli(["domain", "add", "example.com"], { env });
    expect(add.code).toBe(0);

    const before = await spawnCli(["domain", "verify", "example.com", "-o", "json"], { env });
    expect(before.code).toBe(3);
    const pending = JSON.parse(before.stdout) as { status: string; servers: Array<{ server: string }> };
    expect(pending.status).toBe("pending");
    // The served DNS server, found through the store, not a throwaway one.
    expect(pending.servers).toEqual([{ server: `127.0.0.1:${sim.dns?.port}`, role: "resolver" }]);

    const apply = await spawnCli(["domain", "apply", "example.com", "--wait"], { env });
    expect(apply.code).toBe(0);
    expect(apply.stderr).toContain("is INSYNC");

    const after = await spawnCli(
      ["domain", "verify", "example.com", "--wait", "--timeout", "30s", "--interval", "500ms"],
      { env },
    );
    expect(after.code).toBe(0);
    expect(after.stdout.split("\n").filter((l) => /\tVerified\t/.test(l))).toHaveLength(8);

    expect((await spawnCli(["domain", "set-default", "example.com"], { env })).code).toBe(0);
    const org = (await sim.backend.listOrganizations({})).OrganizationSummaries?.[0];
    expect(org?.DefaultMailDomain).toBe("example.com");

    const { UserId } = await sim.backend.createUser({
      OrganizationId: org?.OrganizationId as string,
      Name: "bob",
      DisplayName: "Bob",
      Password: "Passw0rd!x",
    });
    await sim.backend.registerToWorkMail({
      OrganizationId: org?.OrganizationId as string,
      EntityId: UserId as string,
      Email: "bob@example.com",
    });
    const ad = await spawnCli(["autodiscover", "check", "bob@example.com", "--password-stdin", "-o", "json"], {
      env,
      stdin: "Passw0rd!x",
    });
    expect(ad.code).toBe(0);
    const report = JSON.parse(ad.stdout) as {
      status: string;
      workingMethod: string;
      mobileSyncUrl: string;
      methods: Array<{ id: string; url?: string }>;
    };
    expect(report).toMatchObject({
      workingMethod: "phase3-redirect",
      mobileSyncUrl: "https://mobile.mail.us-east-1.awsapps.com/Microsoft-Server-ActiveSync",
    });
    expect(report.methods.find((m) => m.id === "phase3-redirect")?.url).toBe(
      `http://autodiscover.example.com:${sim.autodiscover?.httpPort}/autodiscover/autodiscover.xml`,
    );
  });

  it("prints the simulator's CA, which the AutoDiscover server's certificate chains to", async () => {
    const ca = await spawnCli(["local", "ca"], { env });
    expect(ca.code).toBe(0);
    expect(ca.stdout).toBe(sim.autodiscover?.caCertificatePem);
  });
});

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorControl } from "../../src/backend/simulator-control.js";
import type { WorkMailApi } from "../../src/backend/workmail-api.js";
import { LocalBackend, localControl } from "../../src/local-backend/index.js";
import { decodeControl, encodeControl } from "../../src/local-backend/http/control-codec.js";
import { httpSimulatorControl } from "../../src/local-backend/http/control-client.js";
import { serveSimulator } from "../../src/local-backend/http/simulator-server.js";
import type { RunningSimulator } from "../../src/backend/simulator-server.js";

/**
 * Every SimulatorControl method, called over the served simulator's admin path (the generic
 * `/_wmctl/control/<method>` route wmctl --endpoint-url uses) and in-process on the same store:
 * Dates come back as Dates, message bytes (a Uint8Array that is not a Buffer) arrive unchanged, an
 * absent optional argument stays absent. A method added to the port without a case here fails.
 */
let dir: string;
let backend: LocalBackend & WorkMailApi;
let running: RunningSimulator;
let local: ReturnType<typeof localControl>;
let remote: SimulatorControl;
let org: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-control-"));
  backend = await LocalBackend.open({ dir, region: "us-east-1" });
  running = await serveSimulator({
    dataDir: dir,
    region: "us-east-1",
    host: "127.0.0.1",
    port: 0,
    auth: true,
    faults: {},
    listenerOptions: { dns: { port: 0 }, autodiscover: { httpPort: 0, httpsPort: 0 } },
  });
  const creds = await running.control.credentials();
  remote = httpSimulatorControl(running.endpoint, async () => ({
    credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey },
    region: "us-east-1",
  }));
  local = localControl(backend);
  org = (await backend.createOrganization({ Alias: "acme" })).OrganizationId as string;
  const { UserId } = await backend.createUser({
    OrganizationId: org,
    Name: "bob",
    DisplayName: "Bob",
    Password: "Passw0rd!x",
  });
  await backend.registerToWorkMail({ OrganizationId: org, EntityId: UserId as string, Email: "bob@acme.awsapps.com" });
});
afterAll(async () => {
  await local.dispose();
  await running.stop();
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

type Method = Exclude<keyof SimulatorControl, "location">;
const ISO = /^\d{4}-\d{2}-\d{2}T/;

/** One case per method: calls it over HTTP, checks the answer against the in-process one. */
const CASES: Record<Method, () => Promise<void>> = {
  async now() {
    const [a, b] = await Promise.all([remote.now(), local.now()]);
    expect(a).toBeInstanceOf(Date);
    expect(Math.abs(a.getTime() - b.getTime())).toBeLessThan(60_000);
  },
  async advance() {
    const before = await local.now();
    const after = await remote.advance(3_600_000);
    expect(after).toBeInstanceOf(Date);
    expect(after.getTime() - before.getTime()).toBeGreaterThanOrEqual(3_600_000);
    await expect(remote.advance(-1)).rejects.toMatchObject({ name: "ValidationException" });
    // Past what a Date holds: refused, and the clock is left where it was.
    await expect(remote.advance(1e300)).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringContaining("cannot go past 9999-12-31"),
    });
    expect((await remote.now()).getTime() - after.getTime()).toBeLessThan(60_000);
  },
  async status() {
    const s = await remote.status();
    expect(s.now).toBeInstanceOf(Date);
    expect(s.server?.startedAt).toBeInstanceOf(Date);
    expect(s.server?.listeners.map((l) => l.name)).toEqual([
      "workmail",
      "route53",
      "s3",
      "dns",
      "autodiscover-https",
      "autodiscover-http",
    ]);
    const l = await local.status();
    expect({ ...s, now: undefined, server: undefined }).toEqual({ ...l, now: undefined, server: undefined });
    expect(l.listeners?.map((x) => x.name)).toEqual([
      "workmail",
      "route53",
      "s3",
      "dns",
      "autodiscover-https",
      "autodiscover-http",
    ]);
  },
  async reset() {
    const other = (await backend.createOrganization({ Alias: "temp" })).OrganizationId as string;
    await remote.snapshot("before-reset");
    const ca = await remote.caCertificate();
    expect(await remote.reset()).toBeUndefined();
    expect((await backend.listOrganizations({})).OrganizationSummaries).toEqual([]);
    // The servers keep running: the store still names them, and keeps the CA they chain to.
    expect((await local.status()).listeners?.map((x) => x.name)).toEqual([
      "workmail",
      "route53",
      "s3",
      "dns",
      "autodiscover-https",
      "autodiscover-http",
    ]);
    expect(await local.caCertificate()).toBe(ca);
    await remote.restore("before-reset");
    expect((await backend.listOrganizations({})).OrganizationSummaries?.map((o) => o.OrganizationId).sort()).toEqual(
      [org, other].sort(),
    );
  },
  async snapshot() {
    // No name: the default (a timestamp), not "null".
    const s = await remote.snapshot();
    expect(s.name).not.toBe("null");
    expect(s.name).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(s.createdAt).toBeInstanceOf(Date);
    expect(s.simulatorTime).toBeInstanceOf(Date);
  },
  async snapshots() {
    const list = await remote.snapshots();
    expect(list.length).toBeGreaterThanOrEqual(1);
    expect(list.every((s) => s.createdAt instanceof Date)).toBe(true);
    expect(list).toEqual(await local.snapshots());
  },
  async restore() {
    await remote.snapshot("named");
    const r = await remote.restore("named");
    expect(r).toMatchObject({ name: "named" });
    expect(r.createdAt).toBeInstanceOf(Date);
    await expect(remote.restore("nope")).rejects.toMatchObject({ name: expect.stringMatching(/NotFound/) });
  },
  async lifecycle() {
    expect(await remote.lifecycle()).toEqual(await local.lifecycle());
  },
  async setLifecycle() {
    expect(await remote.setLifecycle({ organizationCreateSeconds: 30 })).toMatchObject({
      organizationCreateSeconds: 30,
    });
    expect(await remote.setLifecycle({ organizationCreateSeconds: null })).toEqual(await local.lifecycle());
    await expect(remote.setLifecycle({ nope: 1 })).rejects.toMatchObject({ name: "ValidationException" });
  },
  async coverage() {
    const c = await remote.coverage();
    expect(c).toEqual(await local.coverage());
    expect(c.filter((x) => x.implemented)).toHaveLength(92);
  },
  async credentials() {
    expect(await remote.credentials()).toEqual({ ...(await local.credentials()), endpoint: running.endpoint });
  },
  async faults() {
    expect(await remote.faults()).toEqual({ throttleTps: null, errorRate: 0, latencyMs: 0 });
    expect(await local.faults()).toBeUndefined();
  },
  async setFaults() {
    expect(await remote.setFaults({ latencyMs: 1 })).toEqual({ throttleTps: null, errorRate: 0, latencyMs: 1 });
    expect(await remote.setFaults({ latencyMs: 0 })).toMatchObject({ latencyMs: 0 });
    await expect(local.setFaults({ latencyMs: 1 })).rejects.toMatchObject({ name: "ValidationException" });
  },
  async issuePersonalAccessToken() {
    await backend.putIdentityProviderConfiguration({
      OrganizationId: org,
      AuthenticationMode: "IDENTITY_PROVIDER_AND_DIRECTORY",
      IdentityCenterConfiguration: {
        InstanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
        ApplicationArn: (
          await backend.createIdentityCenterApplication({
            Name: "WorkMail",
            InstanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
          })
        ).ApplicationArn as string,
      },
      PersonalAccessTokenConfiguration: { Status: "ACTIVE", LifetimeInDays: 30 },
    });
    const t = await remote.issuePersonalAccessToken({
      organizationId: org,
      user: "bob",
      name: "laptop",
      scopes: ["IMAP"],
    });
    expect(t.token.length).toBeGreaterThan(10);
    expect(t.expiresTime).toBeInstanceOf(Date);
  },
  async deliver() {
    // A Uint8Array that is not a Buffer, viewing the middle of a larger buffer.
    const text = "From: a@example.com\r\nSubject: bytes\r\n\r\nGrüße \u00ff\u0000\r\n";
    const whole = new Uint8Array([1, 2, 3, ...Buffer.from(text, "utf8"), 4, 5]);
    const raw = new Uint8Array(whole.buffer, 3, whole.length - 5);
    const [r] = await remote.deliver({
      organizationId: org,
      to: ["bob@acme.awsapps.com"],
      messages: [{ name: "m.eml", raw }],
    });
    expect(r).toMatchObject({
      name: "m.eml",
      status: "DELIVERED",
      folder: "Inbox",
      size: raw.byteLength,
      subject: "bytes",
    });
    const item = backend.db
      .prepare<[], { file: string; sha256: string }>("SELECT file, sha256 FROM mail_items ORDER BY seq DESC LIMIT 1")
      .get();
    expect(readFileSync(join(dir, "mail", item?.file ?? "missing"))).toEqual(Buffer.from(text, "utf8"));
  },
  async caCertificate() {
    const pem = await remote.caCertificate();
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(pem).toBe(await local.caCertificate());
  },
  async network() {
    const n = await remote.network({ dns: true, autodiscover: true });
    const dnsUrl = new URL(running.listeners.find((l) => l.name === "dns")?.url.replace("dns:", "http:") ?? "http://x");
    expect(n.dns).toEqual({ host: "127.0.0.1", port: Number(dnsUrl.port), source: "served" });
    expect(n.autodiscover).toMatchObject({ host: "127.0.0.1", source: "served" });
    // The in-process control on the same store finds the served servers (advertised in the store).
    expect((await local.network({ dns: true })).dns).toEqual(n.dns);
    expect(await remote.network({})).toEqual({});
  },
  async verificationResolvers() {
    expect(await remote.verificationResolvers()).toEqual([]);
  },
  async setVerificationResolvers() {
    expect(await remote.setVerificationResolvers(["127.0.0.1:5300"])).toEqual(["127.0.0.1:5300"]);
    expect(await local.verificationResolvers()).toEqual(["127.0.0.1:5300"]);
    expect(await remote.setVerificationResolvers([])).toEqual([]);
  },
};

describe("every SimulatorControl method over the admin path", () => {
  it("has a case for each method of the in-process control", () => {
    const methods = Object.keys(local).filter((k) => k !== "location" && k !== "dispose");
    expect(methods.sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [method, run] of Object.entries(CASES)) it(method, run);

  it("offers nothing else: dispose and unknown names are refused", async () => {
    for (const name of ["dispose", "constructor", "nope"]) {
      await expect((remote as unknown as Record<string, () => Promise<unknown>>)[name]?.()).rejects.toMatchObject({
        name: "ResourceNotFoundException",
      });
    }
  });
});

describe("the control codec", () => {
  it("keeps Dates, bytes and undefined arguments, and leaves other values as JSON has them", () => {
    const bytes = new Uint8Array(Buffer.from("hello world")).subarray(6);
    const value = {
      args: [
        undefined,
        new Date("2025-01-02T03:04:05.678Z"),
        { raw: bytes, n: 1, s: "x", nested: [null, true] },
        undefined,
      ],
    };
    const text = encodeControl(value);
    expect(text).not.toContain("null,{");
    const back = decodeControl(text) as { args: unknown[] };
    expect(back.args).toHaveLength(4);
    expect(back.args[0]).toBeUndefined();
    expect(back.args[1]).toEqual(new Date("2025-01-02T03:04:05.678Z"));
    const third = back.args[2] as { raw: Buffer; n: number; s: string; nested: unknown[] };
    expect(Buffer.from(third.raw).toString()).toBe("world");
    expect(third).toMatchObject({ n: 1, s: "x", nested: [null, true] });
    expect(back.args[3]).toBeUndefined();
    // A plain object that merely has one of the marker keys among others is left alone.
    expect(decodeControl('{"$date":"2025-01-01T00:00:00Z","other":1}')).toEqual({
      $date: "2025-01-01T00:00:00Z",
      other: 1,
    });
    expect(ISO.test(JSON.stringify(decodeControl(encodeControl(new Date(0)))).slice(1))).toBe(true);
  });
});

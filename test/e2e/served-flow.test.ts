import { Resolver } from "node:dns/promises";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRoute53HostedZones } from "../../src/backend/route53-hosted-zones.js";
import { startServe, type ServedProcess } from "../helpers/serve-process.js";
import { spawnCli } from "../helpers/spawn-cli.js";

/**
 * Issue #4's flow fully offline, against a spawned `wmctl local serve` (all its listeners on free
 * ports), with the built CLI and --endpoint-url only: the client has its own WMCTL_HOME, so every
 * step goes through the served WorkMail, Route 53, S3, DNS, AutoDiscover and admin endpoints.
 */
const serverHome = mkdtempSync(join(tmpdir(), "wmctl-e2e-served-"));
const clientHome = mkdtempSync(join(tmpdir(), "wmctl-e2e-served-client-"));
let served: ServedProcess;
let endpoints: { dns: string; autodiscoverHttps: string; autodiscoverHttp: string };
let env: Record<string, string>;
const PASSWORD = "Passw0rd!x";

beforeAll(async () => {
  // --debug: one stderr line per request and DNS question (the test checks the TCP fallback).
  served = await startServe({ WMCTL_HOME: serverHome }, ["--debug"]);
  const keys = JSON.parse(
    (await spawnCli(["local", "credentials", "-o", "json"], { env: { WMCTL_HOME: serverHome } })).stdout,
  ) as { accessKeyId: string; secretAccessKey: string; region: string };
  env = {
    WMCTL_HOME: clientHome,
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    AWS_REGION: keys.region,
    AWS_CONFIG_FILE: join(clientHome, "aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(clientHome, "aws-credentials"),
  };
  endpoints = JSON.parse((await wmctl("local status -o json")).stdout) as typeof endpoints;
}, 30_000);

afterAll(async () => {
  if (served.child.exitCode === null) await served.stop();
  rmSync(serverHome, { recursive: true, force: true });
  rmSync(clientHome, { recursive: true, force: true });
});

const wmctl = (args: string, options: { stdin?: string; endpoint?: string } = {}) =>
  spawnCli(["--endpoint-url", options.endpoint ?? served.endpoint, ...args.split(" ")], {
    env,
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  });
const portOf = (url: string) => Number(new URL(url.replace(/^dns:/, "http:")).port);

describe("local serve runs every listener", () => {
  it("lists the DNS and AutoDiscover endpoints in local status, on free ports with --port 0", () => {
    expect(endpoints.dns).toMatch(/^dns:\/\/127\.0\.0\.1:\d+$/);
    expect(endpoints.autodiscoverHttps).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/autodiscover\/autodiscover\.xml$/);
    expect(endpoints.autodiscoverHttp).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/autodiscover\/autodiscover\.xml$/);
    expect(served.stderr()).toContain(`dig @127.0.0.1 -p ${portOf(endpoints.dns)} example.com TXT`);
  });
});

describe("the domain flow through --endpoint-url", () => {
  it("add -> verify (3) -> apply -> verify --wait (0) -> set-default -> autodiscover check", async () => {
    expect((await wmctl("org create acme")).code).toBe(0);
    expect((await wmctl("domain add example.com")).code).toBe(0);

    const before = await wmctl("domain verify example.com -o json");
    expect(before.code).toBe(3);
    const pending = JSON.parse(before.stdout) as { status: string; servers: unknown[] };
    expect(pending.status).toBe("pending");
    // The served simulator's DNS server, which the client learnt from the endpoint.
    expect(pending.servers).toEqual([{ server: `127.0.0.1:${portOf(endpoints.dns)}`, role: "resolver" }]);

    // Through the Route 53 API on the same endpoint; the zone is created as the local backend does.
    const apply = await wmctl("domain apply example.com --wait");
    expect(apply.code).toBe(0);
    expect(apply.stderr).toContain("Created hosted zone");
    expect(apply.stderr).toContain("is INSYNC");

    const after = await wmctl("domain verify example.com --wait --timeout 30s --interval 500ms");
    expect(after.code).toBe(0);
    expect(after.stdout.split("\n").filter((l) => /\tVerified\t/.test(l))).toHaveLength(8);

    expect((await wmctl("domain set-default example.com")).code).toBe(0);
    expect((await wmctl("user create bob --password-stdin", { stdin: PASSWORD })).code).toBe(0);
    const ad = await wmctl("autodiscover check bob@example.com --password-stdin -o json", { stdin: PASSWORD });
    expect(ad.code).toBe(0);
    const report = JSON.parse(ad.stdout) as {
      workingMethod: string;
      mobileSyncUrl: string;
      methods: Array<{ id: string; url?: string }>;
    };
    expect(report).toMatchObject({
      workingMethod: "phase3-redirect",
      mobileSyncUrl: "https://mobile.mail.us-east-1.awsapps.com/Microsoft-Server-ActiveSync",
    });
    expect(report.methods.find((m) => m.id === "phase3-redirect")?.url).toBe(
      `http://autodiscover.example.com:${portOf(endpoints.autodiscoverHttp)}/autodiscover/autodiscover.xml`,
    );
    // A wrong password: the served AutoDiscover answers 401, the check fails.
    expect((await wmctl("autodiscover check bob@example.com --password-stdin", { stdin: "wrong-password" })).code).toBe(
      3,
    );
  }, 60_000);

  it("answers DNS for the zones on UDP and TCP (node:dns, as dig would)", async () => {
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([`127.0.0.1:${portOf(endpoints.dns)}`]);
    expect((await resolver.resolveTxt("example.com")).map((t) => t.join(""))).toContain(
      "v=spf1 include:amazonses.com ~all",
    );
    expect(await resolver.resolveMx("example.com")).toEqual([
      { exchange: "inbound-smtp.us-east-1.amazonaws.com", priority: 10 },
    ]);
    expect(await resolver.resolveCname("autodiscover.example.com")).toEqual([
      "autodiscover.mail.us-east-1.awsapps.com",
    ]);
    expect(await resolver.resolve4("autodiscover.mail.us-east-1.awsapps.com")).toEqual(["127.0.0.1"]);
    await expect(resolver.resolve4("nothere.example.com")).rejects.toMatchObject({ code: "ENOTFOUND" });
    // A TXT record longer than a UDP answer holds (written through the endpoint's Route 53): truncated
    // on UDP, then fetched over TCP on the same port.
    const long = "x".repeat(250);
    const zones = await createRoute53HostedZones({
      awsProfile: undefined,
      endpoint: served.endpoint,
      maxAttempts: 1,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID as string,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY as string,
      },
    });
    const id = (await zones.listHostedZonesByName({ DNSName: "example.com" })).HostedZones?.[0]?.Id as string;
    const value = Array.from({ length: 8 }, (_, i) => `"${long}${i}"`).join(" ");
    await zones.changeResourceRecordSets({
      HostedZoneId: id,
      ChangeBatch: {
        Changes: [
          {
            Action: "UPSERT",
            ResourceRecordSet: { Name: "big.example.com", Type: "TXT", TTL: 60, ResourceRecords: [{ Value: value }] },
          },
        ],
      },
    });
    const big = await resolver.resolveTxt("big.example.com");
    expect(big[0]?.join("")).toBe(Array.from({ length: 8 }, (_, i) => `${long}${i}`).join(""));
    expect(served.stderr()).toMatch(/dns udp big\.example\.com TXT/);
    expect(served.stderr()).toMatch(/dns tcp big\.example\.com TXT/);
  });

  it("prints the served simulator's CA through the endpoint", async () => {
    const remote = await wmctl("local ca");
    expect(remote.code).toBe(0);
    expect(remote.stdout).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(remote.stdout).toBe((await spawnCli(["local", "ca"], { env: { WMCTL_HOME: serverHome } })).stdout);
  });
});

describe("mail and export jobs through --endpoint-url", () => {
  it("delivers over the admin path, then export start --wait, export verify (through S3)", async () => {
    const eml = join(clientHome, "hello.eml");
    writeFileSync(
      eml,
      "From: Ann <ann@example.org>\r\nTo: bob@example.com\r\nSubject: Grüße\r\nMessage-ID: <1@example.org>\r\n\r\nBody \u00e9\r\n",
    );
    const delivered = await wmctl(`local deliver --to bob@example.com ${eml} -o json`);
    expect(delivered.code).toBe(0);
    expect(JSON.parse(delivered.stdout)).toMatchObject([{ status: "DELIVERED", mailbox: "bob", subject: "Grüße" }]);

    const started = await wmctl("export start bob --wait -o json");
    expect(started.code).toBe(0);
    const job = JSON.parse(started.stdout) as { id: string; state: string; location: string; messages: number };
    expect(job.state).toBe("COMPLETED");
    expect(job.location).toMatch(/^s3:\/\/wmctl-local-exports\/mailbox-exports\/.+\.zip$/);

    const verified = await wmctl(`export verify ${job.id}`);
    expect(verified.code).toBe(0);
    expect(verified.stderr).toContain(`verified: ${job.location}`);
    expect((await wmctl(`export wait ${job.id}`)).code).toBe(0);
  }, 60_000);
});

describe("an endpoint that is not a wmctl simulator", () => {
  let proxy: Server;
  let proxyUrl: string;
  beforeAll(async () => {
    // Forwards the WorkMail API, answers 404 to the admin path: a WorkMail endpoint of some other kind.
    const target = new URL(served.endpoint);
    proxy = createServer((req, res) => {
      if ((req.url ?? "").includes("/_wmctl/")) {
        res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
        return;
      }
      const fwd = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      req.pipe(fwd);
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => proxy.close(() => r())));

  it("falls back to the given --resolver after one warning line", async () => {
    const r = await wmctl(
      `domain verify example.com --skip-autodiscover --resolver 127.0.0.1:${portOf(endpoints.dns)}`,
      { endpoint: proxyUrl },
    );
    expect(r.code).toBe(0);
    const warnings = r.stderr.split("\n").filter((l) => /warning/i.test(l) || /not a wmctl simulator/.test(l));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${proxyUrl} is not a wmctl simulator`);
    expect(warnings[0]).toContain("asking the given --resolver instead");
  });
});

describe("stopping", () => {
  it("stops every listener on SIGTERM", async () => {
    const r = await served.stop();
    expect(r.code).toBe(0);
    const resolver = new Resolver({ timeout: 500, tries: 1 });
    resolver.setServers([`127.0.0.1:${portOf(endpoints.dns)}`]);
    await expect(resolver.resolveTxt("example.com")).rejects.toBeDefined();
    // The store no longer advertises them.
    const status = JSON.parse(
      (await spawnCli(["local", "status", "-o", "json"], { env: { WMCTL_HOME: serverHome } })).stdout,
    ) as Record<string, unknown>;
    expect(status.dns).toBeUndefined();
    expect(status.servedAt).toBeUndefined();
  });
});

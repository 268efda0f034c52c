import { createSocket } from "node:dgram";
import { writeFileSync } from "node:fs";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chooseNetwork } from "../../src/commands/autodiscover/network.js";
import { openDatabase } from "../../src/local-backend/store/database.js";
import { metaSchema } from "../../src/local-backend/store/meta.js";
import { issueCertificate, localCa } from "../../src/local-backend/tls/local-ca.js";
import { startTestDnsServer } from "../helpers/dns-test-server.js";
import { CliHarness } from "../helpers/run-cli.js";
import { LocalSim } from "../helpers/local-sim.js";

/** A loopback UDP port nothing listens on (bound, then released). */
async function closedUdpPort(): Promise<number> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

let cli: CliHarness;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
});
afterEach(() => cli.cleanup());

interface VerifyJson {
  status: string;
  checks: Array<{ id: string; status: string; ok: boolean; findings: Array<{ code: string; severity: string }> }>;
  autodiscover?: { status: string; workingMethod?: string };
}

describe("wmctl domain", () => {
  it("adds a domain and lists it with its statuses", async () => {
    const add = await cli.run("domain add Example.COM");
    expect(add.code).toBe(0);
    expect(add.stderr).toContain("Added example.com; WorkMail asks for 8 DNS records");
    expect(add.stderr).toContain("Next: wmctl domain apply example.com");
    const list = await cli.ok("domain list", { tty: true });
    expect(list.stdout.split("\n")[0]).toMatch(
      /^DOMAIN\s+IS DEFAULT\s+IS TEST DOMAIN\s+OWNERSHIP STATUS\s+DKIM STATUS$/,
    );
    expect(await cli.json("domain list")).toEqual([
      {
        domain: "acme.awsapps.com",
        isDefault: true,
        isTestDomain: true,
        ownershipStatus: "VERIFIED",
        dkimStatus: "VERIFIED",
      },
      {
        domain: "example.com",
        isDefault: false,
        isTestDomain: false,
        ownershipStatus: "PENDING",
        dkimStatus: "PENDING",
      },
    ]);
  });

  it('says a domain is already added instead of "Added" when it is added again', async () => {
    const first = await cli.ok("domain add example.com");
    expect(first.stderr).toMatch(/^✓ Added example\.com; WorkMail asks for \d+ DNS records\n/);
    const again = await cli.ok("domain add example.com");
    expect(again.stderr).toMatch(
      /^✓ example\.com is already added \(ownership PENDING, DKIM PENDING\); verification restarted\nNext: wmctl domain apply/,
    );
    await cli.ok("domain apply example.com");
    await cli.ok("domain verify example.com");
    const verified = await cli.ok("domain add example.com");
    expect(verified.stderr).toBe("✓ example.com is already added and verified: nothing to do\n");
  });

  it("offers the records field only where there are records, and says the test domain needs none", async () => {
    await cli.ok("domain add example.com");
    const list = await cli.run("domain list --fields domain,records");
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('error: --fields: unknown field "records"');
    expect(await cli.json("domain describe example.com --fields domain,records")).toMatchObject({
      domain: "example.com",
      records: expect.arrayContaining([expect.objectContaining({ type: "MX" })]),
    });
    const test = await cli.run("domain verify acme.awsapps.com");
    expect(test.code).toBe(0);
    expect(test.stderr).toContain("acme.awsapps.com is WorkMail's test domain: WorkMail manages its records");
  });

  it("refuses an internationalized name with its ASCII form as a hint, and an unknown domain with exit 5", async () => {
    const idn = await cli.run("domain add bücher.example");
    expect(idn.code).toBe(2);
    expect(idn.stderr).toContain("hint: use its ASCII form: xn--bcher-kva.example");
    const missing = await cli.run("domain describe nope.example");
    expect(missing.code).toBe(5);
    expect(missing.stderr).toMatch(/^error: MailDomainNotFoundException: /);
  });

  it("prints the records as a zone snippet with fully qualified names, CSV, JSON and a Route 53 change batch", async () => {
    await cli.ok("domain add example.com");
    const zone = (await cli.ok("domain records example.com --format zone")).stdout;
    expect(zone).toMatch(/^_amazonses\.example\.com\.\s+1800\s+IN\s+TXT\s+"[A-Za-z0-9+/]{43}="$/m);
    expect(zone).toMatch(/^example\.com\.\s+3600\s+IN\s+MX\s+10 inbound-smtp\.us-east-1\.amazonaws\.com\.$/m);
    expect(zone).toMatch(
      /^autodiscover\.example\.com\.\s+3600\s+IN\s+CNAME\s+autodiscover\.mail\.us-east-1\.awsapps\.com\.$/m,
    );
    expect(
      zone.match(/_domainkey\.example\.com\.\s+1800\s+IN\s+CNAME\s+[a-z2-7]{32}\.dkim\.amazonses\.com\.$/gm),
    ).toHaveLength(3);
    const csv = (await cli.ok("domain records example.com --format csv")).stdout.split("\n");
    expect(csv[0]).toBe("purpose,type,name,value");
    expect(csv[2]).toBe("Inbound mail,MX,example.com,10 inbound-smtp.us-east-1.amazonaws.com");
    const json = JSON.parse((await cli.ok("domain records example.com --format json")).stdout) as Array<{
      purpose: string;
    }>;
    expect(json.map((r) => r.purpose)).toEqual([
      "Ownership",
      "Inbound mail",
      "AutoDiscover",
      "DKIM",
      "DKIM",
      "DKIM",
      "SPF",
      "DMARC",
    ]);
    const batch = JSON.parse((await cli.ok("domain records example.com --format route53")).stdout) as {
      Changes: Array<{
        Action: string;
        ResourceRecordSet: { Name: string; Type: string; ResourceRecords: { Value: string }[] };
      }>;
    };
    expect(batch.Changes).toHaveLength(8);
    expect(batch.Changes[0]?.ResourceRecordSet).toMatchObject({ Name: "_amazonses.example.com.", Type: "TXT" });
    expect(batch.Changes[0]?.ResourceRecordSet.ResourceRecords[0]?.Value).toMatch(/^".+"$/);
    const conflict = await cli.run("domain records example.com --format zone -o json");
    expect(conflict.code).toBe(2);
    const fields = await cli.run("domain records example.com --format zone --fields name");
    expect(fields.code).toBe(2);
    expect(fields.stderr).toContain("error: --fields does not apply to --format zone");
  });

  it("runs the doctor: exit 3 before the records exist, exit 0 after apply", async () => {
    await cli.ok("domain add example.com");
    const before = await cli.run("domain verify example.com --skip-autodiscover -o json");
    expect(before.code).toBe(3);
    const report = JSON.parse(before.stdout) as VerifyJson & { findings: Array<{ code: string }> };
    expect(report.status).toBe("pending");
    expect(report.findings.map((f) => f.code)).toContain("DNS_REFUSED");
    expect(before.stderr).toContain("not verified yet");

    const dry = await cli.ok("domain apply example.com --dry-run");
    expect(dry.stdout.split("\n")[0]).toBe("would CreateHostedZone example.com.");
    expect(dry.stdout).toContain("would UPSERT MX example.com.  to=10 inbound-smtp.us-east-1.amazonaws.com");
    const applied = await cli.run("domain apply example.com --wait");
    expect(applied.code).toBe(0);
    expect(applied.stderr).toMatch(/Created hosted zone Z[A-Z0-9]+ for example\.com/);
    expect(applied.stderr).toMatch(/Change \/change\/C[A-Z0-9]+ is INSYNC/);
    expect(applied.stdout.split("\n").filter((l) => l.startsWith("create\t"))).toHaveLength(8);
    // The plan is the command's output: listed once, on stdout, not repeated on stderr.
    expect(applied.stderr).not.toMatch(/^create\s/m);
    const again = await cli.run("domain apply example.com");
    expect(again.stderr).toContain("nothing to change");

    const after = await cli.run("domain verify example.com -o json");
    expect(after.code).toBe(0);
    const ok = JSON.parse(after.stdout) as VerifyJson;
    expect(ok.status).toBe("verified");
    expect(ok.checks.every((c) => c.ok)).toBe(true);
    expect(ok.autodiscover).toMatchObject({ status: "warn", workingMethod: "phase3-redirect" });
  });

  it("renders the doctor's report on a terminal, by the console's sections, with fixes", async () => {
    await cli.ok("domain add example.com");
    const r = await cli.run("domain verify example.com --skip-autodiscover", { tty: true });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("Domain ownership\n");
    expect(r.stdout).toContain("WorkMail configuration\n");
    expect(r.stdout).toMatch(/Unreachable\s+TXT\s+_amazonses\.example\.com/);
    expect(r.stdout).toContain("fix       ask a resolver or one of the domain's name servers");
    expect(r.stdout).toMatch(/Result: pending/);
  });

  it("says when no DNS server answered at all, and checks --mail-from like the domain", async () => {
    await cli.ok("domain add example.com");
    const port = await closedUdpPort();
    const r = await cli.run(`domain verify example.com --skip-autodiscover --resolver 127.0.0.1:${port}`);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      `error: example.com: no DNS server answered (127.0.0.1:${port})\nhint: check the addresses given with --resolver`,
    );
    const zero = await cli.run("domain verify example.com --query-timeout 0s");
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("error: --query-timeout must be more than 0");
    const idn = await cli.run("domain verify example.com --skip-autodiscover --mail-from mail.bücher.example");
    expect(idn.code).toBe(2);
    expect(idn.stderr).toContain('error: --mail-from: "mail.bücher.example" is not an ASCII domain name');
  });

  it("reads well at 80 columns: TTLs never wrap alone, WorkMail's DMARC record gets notes, not problems (issue #11 item 15)", async () => {
    await cli.ok("domain add example.com");
    await cli.ok("domain apply example.com");
    const r = await cli.run("domain verify example.com --skip-autodiscover", { tty: true, columns: 80 });
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const dkim = lines.findIndex((l) => /CNAME \w{32}\._domainkey\.example\.com$/.test(l));
    expect(dkim).toBeGreaterThan(0);
    // The name ends its line; the TTL is under it, aligned with the name.
    expect(lines[dkim + 1]).toMatch(/^ {23}ttl \d+$/);
    for (const l of lines.filter((x) => !x.startsWith("      ") && !x.startsWith("example.com  ")))
      expect(l.length, l).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain(
      "DMARC_WORKMAIL_RECORD (note)  this is the DMARC record WorkMail recommends; the notes below are for information only\n",
    );
    expect(r.stdout).toMatch(/DMARC_REMOVED_TAG \(note\)  `pct=100`/);
    expect(r.stdout).toMatch(/Result: verified {2}8 passed, 0 failed, 0 pending, 0 warnings\n$/);
    expect(r.stderr).not.toContain("nothing to list");
  });

  it("counts every warning line it shows", async () => {
    await cli.ok("domain add example.com");
    await cli.ok("domain apply example.com");
    const sim = await LocalSim.open({ dir: cli.home });
    try {
      await sim.upsert("example.com", "_dmarc.example.com", "TXT", ["v=DMARC1; p=none; pct=50; foo=bar"]);
    } finally {
      await sim.close();
    }
    const r = await cli.run("domain verify example.com --skip-autodiscover", {
      tty: true,
      columns: 200,
      env: { FORCE_COLOR: "0" },
    });
    const warned = r.stdout
      .split("\n")
      .filter((l) => /^ +(DMARC|SPF|MX|DKIM|OWNERSHIP|DNS|NS)_[A-Z_]+  /.test(l) && !l.includes("(note)")).length;
    expect(warned).toBeGreaterThan(0);
    const json = JSON.parse((await cli.run("domain verify example.com --skip-autodiscover -o json")).stdout) as {
      summary: { warnings: number };
    };
    expect(r.stdout).toContain(`${json.summary.warnings} warning${json.summary.warnings === 1 ? "" : "s"}\n`);
    expect(json.summary.warnings).toBe(warned);
  });

  it("waits with --wait and exits 8 when the records stay pending", async () => {
    await cli.ok("domain add example.com");
    const r = await cli.run("domain verify example.com --skip-autodiscover --wait --timeout 1s --interval 200ms");
    expect(r.code).toBe(8);
    expect(r.stderr).toContain("example.com is still pending after 1s");
  });

  it("verifies what another DNS host publishes: merges into an existing SPF, keeps a DMARC policy, flags problems", async () => {
    await cli.ok("domain add example.com");
    const sim = await LocalSim.open({ dir: cli.home });
    try {
      await sim.upsert("example.com", "example.com", "TXT", [
        "v=spf1 include:_spf.google.com ~all",
        "google-site-verification=abc",
      ]);
      await sim.upsert("example.com", "_dmarc.example.com", "TXT", ["v=DMARC1; p=reject; rua=mailto:d@example.com"]);
    } finally {
      await sim.close();
    }
    const plan = (await cli.ok("domain apply example.com --dry-run")).stdout;
    expect(plan).toContain(
      "would UPSERT TXT example.com.  from=v=spf1 include:_spf.google.com ~all | google-site-verification=abc to=google-site-verification=abc | v=spf1 include:_spf.google.com include:amazonses.com ~all note=adds include:amazonses.com to your SPF record",
    );
    expect(plan).not.toContain("_dmarc");
    await cli.ok("domain apply example.com");
    const report = JSON.parse(
      (await cli.run("domain verify example.com --skip-autodiscover -o json")).stdout,
    ) as VerifyJson;
    const spf = report.checks.find((c) => c.id === "spf");
    // _spf.google.com is outside the simulator's zones: counted as unresolved, not failed.
    expect(spf?.findings.map((f) => f.code)).toContain("SPF_INCLUDE_UNRESOLVED");
    expect(spf?.status).toBe("Verified");
  });

  it("refuses a --hosted-zone that does not hold the domain, before changing anything", async () => {
    await cli.ok("domain add example.com");
    await cli.ok("domain add other.example");
    const zone = /Created hosted zone (Z[A-Z0-9]+)/.exec(
      (await cli.run("domain apply example.com")).stderr,
    )?.[1] as string;
    const r = await cli.run(`domain apply other.example --hosted-zone ${zone}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: hosted zone ${zone} is example.com, which does not hold other.example`);
  });

  it("makes a verified domain the default, and says how to find out why when it is not", async () => {
    await cli.ok("domain add example.com");
    const early = await cli.run("domain set-default example.com");
    expect(early.code).toBe(6);
    expect(early.stderr).toContain("MailDomainStateException");
    expect(early.stderr).toContain("hint: check what is missing: wmctl domain verify example.com");
    await cli.ok("domain apply example.com");
    await cli.ok("domain set-default example.com");
    expect((await cli.json<{ defaultMailDomain: string }>("org describe")).defaultMailDomain).toBe("example.com");
  });

  it("removes a domain after confirmation, and not the default one", async () => {
    await cli.ok("domain add example.com");
    const refused = await cli.run("domain remove example.com");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("hint: pass --yes");
    expect((await cli.ok("domain remove example.com --dry-run")).stdout).toMatch(
      /^would DeregisterMailDomain example\.com/,
    );
    await cli.ok("domain remove example.com --yes");
    expect((await cli.run("domain describe example.com")).code).toBe(5);
    const test = await cli.run("domain remove acme.awsapps.com --yes");
    expect(test.code).toBe(2);
    expect(test.stderr).toContain("InvalidParameterException: The test domain acme.awsapps.com cannot be removed.");
    expect((await cli.run("domain remove acme.awsapps.com --dry-run")).code).toBe(2);
  });

  it("prints only the removed domain, and says what to do when the domain is in use", async () => {
    await cli.ok("domain add example.com");
    await cli.ok("domain apply example.com");
    await cli.ok("domain set-default example.com");
    const inUse = await cli.run("domain remove example.com --yes");
    expect(inUse.code).toBe(6);
    expect(inUse.stderr).toContain("hint: make another domain the default (wmctl domain set-default)");
    // A dry run exits as the real run would (issue #11 item 3).
    const dryDefault = await cli.run("domain remove example.com --dry-run");
    expect(dryDefault.code).toBe(6);
    expect(dryDefault.stdout).toBe("");
    expect(dryDefault.stderr).toBe(
      "error: example.com is the default domain\nhint: make another domain the default first: wmctl domain set-default DOMAIN\n",
    );
    await cli.ok("domain set-default acme.awsapps.com");
    await cli.ok("user create bob --generate-password --email bob@example.com");
    const dryUsed = await cli.run("domain remove example.com --dry-run");
    expect(dryUsed.code).toBe(6);
    expect(dryUsed.stderr).toMatch(
      /^error: example\.com is used by 1 address \(bob@example\.com\)\nhint: make another domain the default/,
    );
    expect((await cli.run("domain remove example.com --yes")).code).toBe(6);
    await cli.ok("user update bob --email bob@acme.awsapps.com");
    await cli.ok("alias remove bob bob@example.com --yes");
    expect((await cli.ok("domain remove example.com --yes")).stdout).toBe("example.com\n");
  });
});

describe("wmctl autodiscover check", () => {
  it("follows phase 3 on the local backend, and with a password shows the MobileSync URL", async () => {
    await cli.ok("domain add example.com");
    await cli.ok("domain apply example.com");
    await cli.ok("domain set-default example.com");
    const sim = await LocalSim.open({ dir: cli.home });
    try {
      const org = (await sim.backend.listOrganizations({})).OrganizationSummaries?.[0]?.OrganizationId as string;
      const { UserId } = await sim.backend.createUser({
        OrganizationId: org,
        Name: "bob",
        DisplayName: "Bob",
        Password: "Passw0rd!x",
      });
      await sim.backend.registerToWorkMail({
        OrganizationId: org,
        EntityId: UserId as string,
        Email: "bob@example.com",
      });
    } finally {
      await sim.close();
    }
    const anon = await cli.run("autodiscover check example.com");
    expect(anon.code).toBe(0);
    expect(anon.stdout).toMatch(
      /^phase3-redirect\tpass\thttp:\/\/autodiscover\.example\.com:\d+\/autodiscover\/autodiscover\.xml\t$/m,
    );
    const auth = await cli.run("autodiscover check bob@example.com --password-stdin -o json", {
      stdin: "Passw0rd!x\n",
    });
    expect(auth.code).toBe(0);
    expect(JSON.parse(auth.stdout)).toMatchObject({
      email: "bob@example.com",
      mobileSyncUrl: "https://mobile.mail.us-east-1.awsapps.com/Microsoft-Server-ActiveSync",
    });
    const wrong = await cli.run("autodiscover check bob@example.com --password-stdin", { stdin: "nope", tty: true });
    expect(wrong.code).toBe(3);
    expect(wrong.stdout).toContain("AD_AUTH_REJECTED");
    expect(wrong.stderr).toContain(
      "error: AutoDiscover for example.com reaches WorkMail, but it rejected the credentials of bob@example.com",
    );
    const prompt = await cli.run("autodiscover check example.com --user bob@example.com");
    expect(prompt.code).toBe(2);
    expect(prompt.stderr).toContain("hint: pass --password-stdin or --password-file");
  });

  it("takes an internationalized domain only in its ASCII form, as domain add does", async () => {
    const r = await cli.run("autodiscover check bob@bücher.example");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("hint: use its ASCII form: xn--bcher-kva.example");
  });

  it("fails for a domain whose AutoDiscover is not published", async () => {
    await cli.ok("domain add example.com");
    const r = await cli.run("autodiscover check example.com");
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("AutoDiscover for example.com fails: no method reaches WorkMail");
  });
});

describe("wmctl autodiscover check: explicit flags beat the simulator's wiring", () => {
  interface MethodJson {
    id: string;
    url: string | undefined;
    status: string;
  }
  const urls = (stdout: string) =>
    Object.fromEntries((JSON.parse(stdout) as { methods: MethodJson[] }).methods.map((m) => [m.id, m.url]));

  /** A DNS server and an HTTPS server (401, as WorkMail) on loopback, with a CA of their own: "the real network". */
  async function realNetwork(domain: string) {
    const db = openDatabase(join(cli.home, "other-ca.db"), [metaSchema]);
    const ca = await localCa(db);
    db.close();
    const cert = await issueCertificate(ca, [`autodiscover.${domain}`]);
    const https: HttpsServer = createHttpsServer({ key: cert.keyPem, cert: cert.certPem }, (_req, res) =>
      res.writeHead(401, { "www-authenticate": "Basic" }).end(),
    );
    const port = await new Promise<number>((r) =>
      https.listen(0, "127.0.0.1", () => r((https.address() as { port: number }).port)),
    );
    const dns = await startTestDnsServer({
      records: [{ name: `autodiscover.${domain}`, type: "A", value: "127.0.0.1" }],
      zones: [domain],
    });
    const caFile = join(cli.home, "other-ca.pem");
    writeFileSync(caFile, ca.certPem);
    return {
      port,
      dns,
      caFile,
      close: async () => {
        await dns.close();
        await new Promise<void>((r) => https.close(() => r()));
      },
    };
  }

  it("with --resolver, asks the hosts it names on 443 and 80, not the simulator's AutoDiscover ports", async () => {
    await cli.ok("domain add example.com");
    await cli.ok("domain apply example.com");
    const net = await realNetwork("example.com");
    try {
      const wired = await cli.run("autodiscover check example.com -o json");
      expect(urls(wired.stdout)["phase2-autodiscover"]).toMatch(/^https:\/\/autodiscover\.example\.com:\d+\//);
      const r = await cli.run(["autodiscover", "check", "example.com", "--resolver", net.dns.address, "-o", "json"]);
      expect(urls(r.stdout)).toMatchObject({
        "phase2-root": "https://example.com/autodiscover/autodiscover.xml",
        "phase2-autodiscover": "https://autodiscover.example.com/autodiscover/autodiscover.xml",
        "phase3-redirect": "http://autodiscover.example.com/autodiscover/autodiscover.xml",
      });
      expect(r.stderr).toContain("--resolver given");
      // With the port too, the check reaches that server and passes phase 2 there.
      const there = await cli.run([
        "autodiscover",
        "check",
        "example.com",
        "--resolver",
        net.dns.address,
        "--https-port",
        String(net.port),
        "--ca-file",
        net.caFile,
        "-o",
        "json",
      ]);
      expect(there.code).toBe(0);
      expect(
        (JSON.parse(there.stdout) as { methods: MethodJson[] }).methods.find((m) => m.id === "phase2-autodiscover")
          ?.status,
      ).toBe("pass");
    } finally {
      await net.close();
    }
  });

  it("checks a domain the simulator does not host on the real network", async () => {
    await cli.ok("domain add example.com");
    const net = await realNetwork("elsewhere.example");
    try {
      const r = await cli.run([
        "autodiscover",
        "check",
        "elsewhere.example",
        "--resolver",
        net.dns.address,
        "--https-port",
        String(net.port),
        "--http-port",
        "9",
        "--ca-file",
        net.caFile,
        "-o",
        "json",
      ]);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as { workingMethod: string; methods: MethodJson[] };
      expect(report.workingMethod).toBe("phase2-autodiscover");
    } finally {
      await net.close();
    }
  });

  it("leaves the simulator's wiring aside for a domain it does not host, and for --resolver", () => {
    const env = { resolvers: [{ host: "127.0.0.1", port: 4751 }], httpsPort: 4753, httpPort: 4752 };
    expect(chooseNetwork("example.com", env, false, true)).toEqual(env);
    expect(chooseNetwork("elsewhere.example", env, false, false)).toMatchObject({
      resolvers: [],
      note: expect.stringContaining("real network"),
    });
    expect(chooseNetwork("elsewhere.example", env, false, false)).not.toHaveProperty("httpsPort");
    const named = { resolvers: [{ host: "192.0.2.53", port: 53 }], httpsPort: 4753, httpPort: 4752 };
    expect(chooseNetwork("example.com", named, true, true)).toMatchObject({ resolvers: named.resolvers });
    expect(chooseNetwork("example.com", named, true, true)).not.toHaveProperty("httpPort");
    // Not a simulator at all: as given.
    expect(chooseNetwork("example.com", { resolvers: [] }, false, false)).toEqual({ resolvers: [] });
  });
});

describe("wmctl local ca and verification-dns", () => {
  it("prints the simulator's CA certificate, the same every time", async () => {
    const a = (await cli.ok("local ca")).stdout;
    expect(a).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
    expect((await cli.ok("local ca")).stdout).toBe(a);
  });

  it("shows and sets where the simulator verifies domains", async () => {
    expect(await cli.json("local verification-dns")).toEqual({ mode: "own-zones", servers: [] });
    expect(await cli.json("local verification-dns 1.1.1.1 127.0.0.1:5353")).toEqual({
      mode: "resolvers",
      servers: ["1.1.1.1", "127.0.0.1:5353"],
    });
    expect((await cli.run("local verification-dns ns1.example.com")).code).toBe(2);
    expect(await cli.json("local verification-dns --own-zones")).toEqual({ mode: "own-zones", servers: [] });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { parseServer } from "../../src/dns-verify/resolver.js";
import { verifyMailDomain, type DomainReport } from "../../src/dns-verify/verify-domain.js";
import { WireResolver } from "../../src/dns-verify/wire-resolver.js";
import {
  goodZone,
  startTestDnsServer,
  workmailRecords,
  type TestDnsServer,
  type TestRecord,
} from "../helpers/dns-test-server.js";

const servers: TestDnsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(...args: Parameters<typeof startTestDnsServer>): Promise<TestDnsServer> {
  const s = await startTestDnsServer(...args);
  servers.push(s);
  return s;
}

const D = "example.com";
const { records, token, dkimTokens } = workmailRecords(D);
const resolver = new WireResolver({ timeoutMs: 300, tries: 1 });

async function verify(
  zone: TestRecord[],
  extra: Partial<Parameters<typeof verifyMailDomain>[0]> = {},
): Promise<DomainReport> {
  const s = await serve({ records: zone, zones: [D, "amazonses.com", "spf.example.net", "example.net"] });
  return verifyMailDomain({ domain: D, records, resolvers: [parseServer(s.address)], resolver, ...extra });
}
const check = (r: DomainReport, id: string) => r.checks.find((c) => c.id === id);
const codes = (r: DomainReport, id: string) => check(r, id)?.findings.map((f) => f.code) ?? [];
const without = (zone: TestRecord[], pred: (r: TestRecord) => boolean) => zone.filter((r) => !pred(r));

describe("verifyMailDomain against a zone server on loopback", () => {
  it("verifies a domain that publishes every record, with TTLs and the server named", async () => {
    const r = await verify(goodZone(D));
    expect(r.status).toBe("verified");
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ["ownership", "Verified"],
      ["mx", "Verified"],
      ["autodiscover", "Verified"],
      ["dkim-1", "Verified"],
      ["dkim-2", "Verified"],
      ["dkim-3", "Verified"],
      ["spf", "Verified"],
      ["dmarc", "Verified"],
    ]);
    expect(check(r, "ownership")?.found).toEqual([
      { server: servers[0]?.address, outcome: "answer", values: [token], ttl: 1800, authoritative: true },
    ]);
    expect(r.region).toBe("us-east-1");
    // WorkMail's suggested DMARC still carries pct, which RFC 9989 removed: a note, not a failure.
    expect(codes(r, "dmarc")).toContain("DMARC_REMOVED_TAG");
  });

  it("reports an unpublished domain as pending, record by record, with fixes", async () => {
    const r = await verify([
      { name: "amazonses.com", type: "TXT", value: "v=spf1 -all" },
      { name: "www.example.com", type: "A", value: "192.0.2.1" },
    ]);
    expect(r.status).toBe("pending");
    expect(check(r, "ownership")).toMatchObject({ status: "Pending", pending: true, ok: false });
    expect(check(r, "mx")?.status).toBe("Missing");
    expect(check(r, "dkim-1")?.status).toBe("Pending");
    expect(check(r, "dmarc")).toMatchObject({ status: "Missing", required: false });
    const missing = check(r, "ownership")?.findings.find((f) => f.code === "OWNERSHIP_MISSING");
    expect(missing?.message).toContain("NXDOMAIN");
    expect(missing?.fix).toBe(`add _amazonses.example.com. TXT "${token}"`);
    expect(codes(r, "mx")).toEqual(["MX_MISSING"]);
  });

  it("fails on wrong values: another token, a foreign MX region, a wrong DKIM target", async () => {
    const zone = goodZone(D).map((rec): TestRecord => {
      if (rec.name === `_amazonses.${D}`) return { ...rec, value: "someone-elses-token" } as TestRecord;
      if (rec.type === "MX")
        return { ...rec, value: { preference: 10, exchange: "inbound-smtp.eu-west-1.amazonaws.com" } };
      if (rec.name.startsWith(dkimTokens[0] as string))
        return { ...rec, value: "wrong.dkim.amazonses.com" } as TestRecord;
      return rec;
    });
    const r = await verify(zone);
    expect(r.status).toBe("failed");
    expect(check(r, "ownership")?.status).toBe("Failed");
    expect(codes(r, "ownership")).toContain("OWNERSHIP_TOKEN_MISMATCH");
    expect(check(r, "mx")?.status).toBe("Inconsistent");
    expect(codes(r, "mx")).toEqual(["MX_WRONG_REGION"]);
    expect(check(r, "dkim-1")?.status).toBe("Failed");
    expect(codes(r, "dkim-1")).toEqual(["DKIM_CNAME_MISMATCH"]);
  });

  it("treats a third-party MX (a mail proxy) as an Inconsistent warning, as the guide does", async () => {
    const zone = goodZone(D).map(
      (rec): TestRecord =>
        rec.type === "MX" ? { ...rec, value: { preference: 5, exchange: "mx.proxy.example.net" } } : rec,
    );
    const r = await verify(zone);
    expect(check(r, "mx")).toMatchObject({ status: "Inconsistent", ok: true });
    expect(check(r, "mx")?.findings[0]).toMatchObject({ code: "MX_NOT_WORKMAIL", severity: "warning" });
    expect(r.status).toBe("verified");
  });

  it("warns when WorkMail's MX is not the lowest preference, and when it is not the only one", async () => {
    const base = without(goodZone(D), (x) => x.type === "MX");
    const first = await verify([
      ...base,
      { name: D, type: "MX", value: { preference: 10, exchange: "inbound-smtp.us-east-1.amazonaws.com" } },
      { name: D, type: "MX", value: { preference: 5, exchange: "old.example.net" } },
    ]);
    expect(codes(first, "mx")).toEqual(["MX_NOT_LOWEST"]);
    const second = await verify([
      ...base,
      { name: D, type: "MX", value: { preference: 10, exchange: "inbound-smtp.us-east-1.amazonaws.com" } },
      { name: D, type: "MX", value: { preference: 20, exchange: "backup.example.net" } },
    ]);
    expect(check(second, "mx")?.status).toBe("Verified");
    expect(codes(second, "mx")).toEqual(["MX_NOT_ONLY"]);
  });

  it("finds records whose name got the domain appended twice", async () => {
    const zone = goodZone(D).map(
      (rec): TestRecord => (rec.name === `_amazonses.${D}` ? { ...rec, name: `_amazonses.${D}.${D}` } : rec),
    );
    const r = await verify(zone);
    const doubled = check(r, "ownership")?.findings.find((f) => f.code === "NAME_DOMAIN_APPENDED_TWICE");
    expect(doubled?.message).toContain("_amazonses.example.com.example.com");
    expect(doubled?.fix).toContain("trailing dot");
  });

  it("accepts the token at the apex and notes it", async () => {
    const zone = without(goodZone(D), (x) => x.name === `_amazonses.${D}`);
    zone.push({ name: D, type: "TXT", value: token });
    const r = await verify(zone);
    expect(check(r, "ownership")?.status).toBe("Verified");
    expect(codes(r, "ownership")).toContain("OWNERSHIP_AT_APEX");
  });

  it("checks SPF deeply: one record, amazonses.com, the 10-lookup and 2-void-lookup limits", async () => {
    const base = without(goodZone(D), (x) => x.name === D && x.type === "TXT");
    const two = await verify([
      ...base,
      { name: D, type: "TXT", value: "v=spf1 include:amazonses.com ~all" },
      { name: D, type: "TXT", value: "v=spf1 mx -all" },
    ]);
    expect(check(two, "spf")?.status).toBe("Inconsistent");
    expect(codes(two, "spf")).toContain("SPF_MULTIPLE");

    const noSes = await verify([...base, { name: D, type: "TXT", value: "v=spf1 mx -all" }]);
    expect(codes(noSes, "spf")).toContain("SPF_NO_AMAZONSES");

    // 12 lookups: include:spf.example.net holds 11 more lookup terms; 3 of its terms find nothing.
    const many = Array.from({ length: 8 }, (_, i) => `a:host${i}.example.net`).join(" ");
    const heavy = [
      ...base,
      { name: D, type: "TXT" as const, value: "v=spf1 include:amazonses.com include:spf.example.net ~all" },
      {
        name: "spf.example.net",
        type: "TXT" as const,
        value: `v=spf1 ${many} mx:example.net exists:nope1.example.net ~all`,
      },
      ...Array.from(
        { length: 6 },
        (_, i): TestRecord => ({ name: `host${i}.example.net`, type: "A", value: "192.0.2.1" }),
      ),
      { name: "example.net", type: "MX" as const, value: { preference: 10, exchange: "mx.example.net" } },
    ];
    const r = await verify(heavy);
    expect(check(r, "spf")?.status).toBe("Inconsistent");
    expect(codes(r, "spf")).toEqual(expect.arrayContaining(["SPF_TOO_MANY_LOOKUPS", "SPF_TOO_MANY_VOID_LOOKUPS"]));
    expect(check(r, "spf")?.findings.find((f) => f.code === "SPF_TOO_MANY_LOOKUPS")?.message).toContain(
      "needs 12 DNS lookups",
    );

    const nested = await verify([
      ...base,
      { name: D, type: "TXT", value: "v=spf1 include:spf.example.net -all" },
      { name: "spf.example.net", type: "TXT", value: "v=spf1 include:amazonses.com -all" },
    ]);
    expect(check(nested, "spf")?.status).toBe("Verified");
    expect(codes(nested, "spf")).toContain("SPF_AMAZONSES_NESTED");

    const loop = await verify([
      ...base,
      { name: D, type: "TXT", value: "v=spf1 include:amazonses.com include:spf.example.net -all" },
      { name: "spf.example.net", type: "TXT", value: "v=spf1 include:example.com -all" },
    ]);
    expect(codes(loop, "spf")).toContain("SPF_INCLUDE_LOOP");

    const glued = await verify([...base, { name: D, type: "TXT", value: "v=spf1 include:amazonses.com ~all;" }]);
    expect(check(glued, "spf")?.findings.find((f) => f.code === "SPF_SYNTAX")?.fix).toContain("`~all`");
  });

  it("reports broken DMARC as Inconsistent and a missing one as a warning", async () => {
    const base = without(goodZone(D), (x) => x.name === `_dmarc.${D}`);
    const broken = await verify([...base, { name: `_dmarc.${D}`, type: "TXT", value: "v=DMARC1; p=bogus" }]);
    expect(check(broken, "dmarc")).toMatchObject({ status: "Inconsistent", ok: false });
    expect(broken.status).toBe("verified"); // DMARC is recommended, not required
    const missing = await verify(base);
    expect(check(missing, "dmarc")?.findings[0]).toMatchObject({ code: "DMARC_MISSING", severity: "warning" });
  });

  it("flags two authoritative servers that disagree", async () => {
    const a = await serve({ records: goodZone(D), zones: [D, "amazonses.com"] });
    const b = await serve({
      records: without(goodZone(D), (x) => x.type === "MX" || x.name.startsWith(dkimTokens[2] as string)),
      zones: [D, "amazonses.com"],
    });
    const r = await verifyMailDomain({
      domain: D,
      records,
      resolvers: [parseServer(a.address), parseServer(b.address)],
      resolver,
    });
    expect(r.status).toBe("pending");
    expect(check(r, "mx")).toMatchObject({ status: "Missing", pending: true });
    const disagree = check(r, "mx")?.findings.find((f) => f.code === "DNS_SERVERS_DISAGREE");
    expect(disagree?.message).toContain(`${a.address}: 10 inbound-smtp.us-east-1.amazonaws.com`);
    expect(disagree?.message).toContain(`${b.address}: no MX record`);
    expect(codes(r, "dkim-3")).toContain("DNS_SERVERS_DISAGREE");
    expect(check(r, "ownership")?.status).toBe("Verified");
  });

  it("finds the authoritative servers through NS and asks them (loopback name servers on the resolver's port)", async () => {
    const zone: TestRecord[] = [
      ...goodZone(D),
      { name: D, type: "NS", value: "ns1.example.com" },
      { name: "ns1.example.com", type: "A", value: "127.0.0.1" },
    ];
    const s = await serve({ records: zone, zones: [D, "amazonses.com"] });
    const r = await verifyMailDomain({
      domain: D,
      records,
      resolvers: [parseServer(s.address)],
      authoritative: true,
      resolver,
    });
    expect(r.zone).toBe(D);
    // ns1.example.com is 127.0.0.1, asked on the resolver's port: the same server, listed once.
    expect(r.servers).toEqual([{ server: s.address, role: "resolver" }]);
    expect(r.status).toBe("verified");
    const mail = await verifyMailDomain({
      domain: "mail.example.com",
      records: workmailRecords("mail.example.com").records,
      resolvers: [parseServer(s.address)],
      authoritative: true,
      resolver,
    });
    expect(mail.zone).toBe(D);
  });

  it("reports a server that never answers without hanging, and says nobody answered", async () => {
    const s = await serve({ records: goodZone(D), silent: true });
    const r = await verifyMailDomain({ domain: D, records, resolvers: [parseServer(s.address)], resolver });
    expect(r.status).toBe("pending");
    expect(check(r, "ownership")?.status).toBe("Unreachable");
    expect(codes(r, "ownership")).toContain("DNS_NO_ANSWER");
  });

  it("tells a closed port (connection refused) from a server that refuses the domain", async () => {
    const s = await serve({ records: goodZone(D) });
    const address = parseServer(s.address);
    await s.close();
    servers.pop();
    const r = await verifyMailDomain({ domain: D, records, resolvers: [address], resolver });
    expect(r.status).toBe("pending");
    expect(r.findings.map((f) => f.code)).not.toContain("DNS_REFUSED");
    const noAnswer = check(r, "ownership")?.findings.find((f) => f.code === "DNS_NO_ANSWER");
    expect(noAnswer?.message).toContain("connection refused");
    expect(noAnswer?.message).not.toContain("does not serve this name");
  });

  it("combines DNS with the service's own verdict", async () => {
    const pending = await verify(goodZone(D), { service: { ownership: "PENDING", dkim: "VERIFIED" } });
    expect(check(pending, "ownership")?.status).toBe("Pending");
    expect(codes(pending, "ownership")).toContain("OWNERSHIP_NOT_CONFIRMED");
    expect(pending.status).toBe("pending");
    const failed = await verify([], { service: { ownership: "FAILED", dkim: "FAILED" } });
    expect(check(failed, "ownership")?.status).toBe("Failed");
    expect(failed.status).toBe("failed");
  });

  it("recognises a phase-2 endpoint (an A record) where the AutoDiscover CNAME should be", async () => {
    const zone = goodZone(D).map(
      (rec): TestRecord =>
        rec.name === `autodiscover.${D}` ? { name: rec.name, type: "A", value: "192.0.2.80" } : rec,
    );
    const r = await verify(zone);
    expect(check(r, "autodiscover")).toMatchObject({ status: "Inconsistent", ok: true });
    expect(check(r, "autodiscover")?.findings.map((f) => [f.code, f.severity])).toEqual([
      ["AUTODISCOVER_NOT_CNAME", "warning"],
    ]);
  });

  it("checks a custom MAIL FROM domain when asked", async () => {
    const zone: TestRecord[] = [
      ...goodZone(D),
      { name: `mail.${D}`, type: "MX", value: { preference: 10, exchange: "feedback-smtp.us-east-1.amazonses.com" } },
      { name: `bounce.${D}`, type: "MX", value: { preference: 10, exchange: "feedback-smtp.us-east-1.amazonses.com" } },
      { name: `bounce.${D}`, type: "TXT", value: "v=spf1 include:amazonses.com ~all" },
    ];
    const half = await verify(zone, { mailFrom: `mail.${D}` });
    expect(half.checks.slice(-2).map((c) => [c.id, c.status])).toEqual([
      ["mail-from-mx", "Verified"],
      ["mail-from-txt", "Pending"],
    ]);
    expect(codes(half, "mail-from-txt")).toContain("MAIL_FROM_SPF_MISSING");
    const full = await verify(zone, { mailFrom: `bounce.${D}` });
    expect(full.status).toBe("verified");
  });

  it("warns about name servers that answer without authority (a lame delegation)", async () => {
    const lame = await serve({ records: goodZone(D), zones: [D, "amazonses.com"], notAuthoritative: true });
    const zone: TestRecord[] = [
      ...goodZone(D),
      { name: D, type: "NS", value: "ns1.example.com" },
      { name: "ns1.example.com", type: "A", value: "127.0.0.1" },
    ];
    const s = await serve({ records: zone, zones: [D, "amazonses.com"] });
    const r = await verifyMailDomain({
      domain: D,
      records,
      resolvers: [parseServer(s.address)],
      authoritative: true,
      nsPort: lame.port,
      resolver,
    });
    expect(r.servers).toEqual([
      { server: s.address, role: "resolver" },
      { server: lame.address, role: "authoritative", nsName: "ns1.example.com" },
    ]);
    expect(r.findings.map((f) => f.code)).toEqual(["NS_NOT_AUTHORITATIVE"]);
    // The summary counts the domain's own warning lines too (issue #11 item 15: "0 warnings" under warnings).
    const shown = [...r.findings, ...r.checks.flatMap((c) => c.findings)].filter(
      (f) => f.severity === "warning",
    ).length;
    expect(r.summary.warnings).toBe(shown);
    expect(r.summary.warnings).toBeGreaterThan(0);
  });

  it("has nothing to check for the test domain", async () => {
    const r = await verifyMailDomain({
      domain: "acme.awsapps.com",
      records: [],
      isTestDomain: true,
      resolvers: [{ host: "127.0.0.1", port: 9 }],
      resolver,
    });
    expect(r).toMatchObject({ status: "verified", checks: [], isTestDomain: true });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { targetExpectations, targetRecords } from "../../src/dns-verify/provider-profiles.js";
import { parseServer } from "../../src/dns-verify/resolver.js";
import { verifyMailDomain, type DomainReport } from "../../src/dns-verify/verify-domain.js";
import { WireResolver } from "../../src/dns-verify/wire-resolver.js";
import { goodZone, startTestDnsServer, type TestDnsServer, type TestRecord } from "../helpers/dns-test-server.js";

const servers: TestDnsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const D = "example.com";
const resolver = new WireResolver({ timeoutMs: 300, tries: 1 });
const KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtestkey+/0123456789";

async function verifyFor(provider: "m365" | "google", zone: TestRecord[], tenant?: string): Promise<DomainReport> {
  const s = await startTestDnsServer({
    records: zone,
    zones: [D, "amazonses.com", "outlook.com", "google.com", "onmicrosoft.com"],
  });
  servers.push(s);
  return verifyMailDomain({ domain: D, records: [], provider, tenant, resolvers: [parseServer(s.address)], resolver });
}
const check = (r: DomainReport, id: string) => r.checks.find((c) => c.id === id);
const codes = (r: DomainReport, id: string) => check(r, id)?.findings.map((f) => f.code) ?? [];
/** The includes the SPF expansion follows, served by the same test server. */
const includes: TestRecord[] = [
  { name: "spf.protection.outlook.com", type: "TXT", value: "v=spf1 ip4:40.92.0.0/15 -all" },
  { name: "_spf.google.com", type: "TXT", value: "v=spf1 ip4:35.190.247.0/24 ~all" },
  { name: "amazonses.com", type: "TXT", value: "v=spf1 ip4:199.255.192.0/22 -all" },
];

function m365Zone(tenant = "contoso"): TestRecord[] {
  return [
    ...includes,
    { name: D, type: "TXT", value: "MS=ms12345678" },
    { name: D, type: "MX", value: { preference: 0, exchange: "example-com.mail.protection.outlook.com" } },
    { name: D, type: "TXT", value: "v=spf1 include:spf.protection.outlook.com -all" },
    { name: `autodiscover.${D}`, type: "CNAME", value: "autodiscover.outlook.com" },
    {
      name: `selector1._domainkey.${D}`,
      type: "CNAME",
      value: `selector1-example-com._domainkey.${tenant}.onmicrosoft.com`,
    },
    {
      name: `selector2._domainkey.${D}`,
      type: "CNAME",
      value: `selector2-example-com._domainkey.${tenant}.onmicrosoft.com`,
    },
    { name: `_dmarc.${D}`, type: "TXT", value: "v=DMARC1; p=quarantine" },
  ];
}

describe("domain verify --for: target provider profiles against a zone server on loopback", () => {
  it("verifies a domain cut over to Microsoft 365, DKIM exact with the tenant", async () => {
    const r = await verifyFor("m365", m365Zone(), "contoso");
    expect(r.provider).toBe("m365");
    expect(r.status).toBe("verified");
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ["verification", "Verified"],
      ["mx", "Verified"],
      ["autodiscover", "Verified"],
      ["dkim-1", "Verified"],
      ["dkim-2", "Verified"],
      ["spf", "Verified"],
      ["dmarc", "Verified"],
    ]);
  });

  it("fails a domain still on WorkMail, naming each record the cutover must change", async () => {
    const r = await verifyFor("m365", [...includes, ...goodZone(D)], "contoso");
    expect(r.status).toBe("failed");
    expect(codes(r, "mx")).toEqual(["MX_STILL_WORKMAIL"]);
    expect(check(r, "mx")?.findings[0]?.fix).toContain("example-com.mail.protection.outlook.com.");
    expect(codes(r, "spf")).toContain("SPF_NO_TARGET_INCLUDE");
    expect(codes(r, "autodiscover")).toEqual(["AUTODISCOVER_CNAME_MISMATCH"]);
    expect(codes(r, "dkim-1")).toContain("DKIM_MISSING");
    expect(check(r, "verification")).toMatchObject({ status: "Pending", required: false });
  });

  it("warns while SPF still includes amazonses.com, and when WorkMail's MX lingers behind", async () => {
    const zone = m365Zone().map(
      (rec): TestRecord =>
        rec.type === "TXT" && rec.name === D && String(rec.value).startsWith("v=spf1")
          ? { ...rec, value: "v=spf1 include:spf.protection.outlook.com include:amazonses.com -all" }
          : rec,
    );
    zone.push({ name: D, type: "MX", value: { preference: 10, exchange: "inbound-smtp.us-east-1.amazonaws.com" } });
    const r = await verifyFor("m365", zone, "contoso");
    expect(codes(r, "spf")).toEqual(["SPF_STILL_AMAZONSES"]);
    expect(codes(r, "mx")).toEqual(["MX_NOT_ONLY"]);
    expect(r.status).toBe("verified");
    // WorkMail's MX first is an error: mail still lands there.
    const first: TestRecord[] = m365Zone().filter((x) => x.type !== "MX");
    first.push(
      { name: D, type: "MX", value: { preference: 0, exchange: "inbound-smtp.us-east-1.amazonaws.com" } },
      { name: D, type: "MX", value: { preference: 10, exchange: "example-com.mail.protection.outlook.com" } },
    );
    const r2 = await verifyFor("m365", first, "contoso");
    expect(codes(r2, "mx")).toEqual(["MX_STILL_WORKMAIL"]);
    expect(r2.status).toBe("failed");
  });

  it("accepts any tenant's DKIM host without --tenant, but not another domain's selector", async () => {
    expect((await verifyFor("m365", m365Zone("fabrikam"))).status).toBe("verified");
    const wrong = m365Zone().map(
      (rec): TestRecord =>
        rec.name === `selector1._domainkey.${D}`
          ? ({ ...rec, value: "selector1-other-com._domainkey.contoso.onmicrosoft.com" } as TestRecord)
          : rec,
    );
    const r = await verifyFor("m365", wrong);
    expect(codes(r, "dkim-1")).toEqual(["DKIM_CNAME_MISMATCH"]);
    // With the tenant, another tenant's key host is a mismatch.
    expect(codes(await verifyFor("m365", m365Zone("fabrikam"), "contoso"), "dkim-2")).toEqual(["DKIM_CNAME_MISMATCH"]);
    // Newer tenants publish their keys under <tenant>.<partition>-v1/v2.dkim.mail.microsoft.
    const newer = m365Zone().map(
      (rec): TestRecord =>
        rec.name.endsWith(`._domainkey.${D}`)
          ? ({
              ...rec,
              value: String(rec.value).replace(
                /contoso\.onmicrosoft\.com$/,
                rec.name.startsWith("selector1")
                  ? "contoso.j-v1.dkim.mail.microsoft"
                  : "contoso.j-v2.dkim.mail.microsoft",
              ),
            } as TestRecord)
          : rec,
    );
    expect((await verifyFor("m365", newer, "contoso")).status).toBe("verified");
    expect((await verifyFor("m365", newer)).status).toBe("verified");
  });

  it("accepts Microsoft's label for a hyphenated domain with or without its dashes", () => {
    const pattern = targetExpectations("m365", "my-shop.example", { tenant: "contoso" }).dkim[0]?.pattern as RegExp;
    expect(pattern.test("selector1-my-shop-example._domainkey.contoso.onmicrosoft.com")).toBe(true);
    expect(pattern.test("selector1-myshop-example._domainkey.contoso.onmicrosoft.com")).toBe(true);
    expect(pattern.test("selector1-my-shop-other._domainkey.contoso.onmicrosoft.com")).toBe(false);
    expect(pattern.test("selector2-my-shop-example._domainkey.contoso.onmicrosoft.com")).toBe(false);
  });

  it("checks Google: smtp.google.com or the classic hosts, _spf.google.com, the google._domainkey key; no AutoDiscover", async () => {
    const zone: TestRecord[] = [
      ...includes,
      { name: D, type: "TXT", value: "google-site-verification=abc123" },
      { name: D, type: "MX", value: { preference: 1, exchange: "aspmx.l.google.com" } },
      { name: D, type: "MX", value: { preference: 5, exchange: "alt1.aspmx.l.google.com" } },
      { name: D, type: "TXT", value: "v=spf1 include:_spf.google.com ~all" },
      { name: `google._domainkey.${D}`, type: "TXT", value: `v=DKIM1; k=rsa; p=${KEY}` },
      { name: `_dmarc.${D}`, type: "TXT", value: "v=DMARC1; p=none" },
    ];
    const r = await verifyFor("google", zone);
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ["verification", "Verified"],
      ["mx", "Verified"],
      ["dkim-1", "Verified"],
      ["spf", "Verified"],
      ["dmarc", "Verified"],
    ]);
    expect(codes(r, "mx")).toEqual(["MX_TARGET_HOST_DIFFERS"]);
    expect(r.status).toBe("verified");
    const noKey = await verifyFor(
      "google",
      zone.map(
        (rec): TestRecord =>
          rec.name === `google._domainkey.${D}` ? ({ ...rec, value: "v=DKIM1; k=rsa; p=" } as TestRecord) : rec,
      ),
    );
    expect(codes(noKey, "dkim-1")).toEqual(["DKIM_TXT_INVALID"]);
    expect(noKey.status).toBe("failed");
    const none = await verifyFor(
      "google",
      zone.filter((rec) => rec.name !== `google._domainkey.${D}`),
    );
    expect(codes(none, "dkim-1")).toContain("DKIM_TXT_MISSING");
    expect(none.status).toBe("pending");
  });

  it("profiles mark what the admin must paste as placeholders", () => {
    const m = targetRecords("m365", "Example.CO.uk");
    expect(m.find((x) => x.id === "mx")?.value).toBe("0 example-co-uk.mail.protection.outlook.com");
    expect(m.filter((x) => x.placeholder !== undefined).map((x) => x.id)).toEqual(["verification", "dkim-1", "dkim-2"]);
    expect(
      targetRecords("m365", D, { tenant: "contoso" })
        .filter((x) => x.placeholder !== undefined)
        .map((x) => x.id),
    ).toEqual(["verification"]);
    expect(
      targetRecords("google", D)
        .filter((x) => x.placeholder !== undefined)
        .map((x) => x.id),
    ).toEqual(["verification", "dkim-1"]);
  });
});

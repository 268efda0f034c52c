import { createServer, type Server } from "node:https";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkAutodiscover, type AutodiscoverCheckOptions } from "../../src/autodiscover/check.js";
import { parsePoxAnswer } from "../../src/autodiscover/parse.js";
import type { AutodiscoverReport, Step } from "../../src/autodiscover/types.js";
import { parseServer } from "../../src/dns-verify/resolver.js";
import { WireResolver } from "../../src/dns-verify/wire-resolver.js";
import { openDatabase } from "../../src/local-backend/store/database.js";
import { metaSchema } from "../../src/local-backend/store/meta.js";
import { issueCertificate, localCa } from "../../src/local-backend/tls/local-ca.js";
import { LocalSim } from "../helpers/local-sim.js";
import { startTestDnsServer, type TestDnsServer } from "../helpers/dns-test-server.js";

const resolver = new WireResolver({ timeoutMs: 1000, tries: 1 });
const D = "example.com";

function method(r: AutodiscoverReport, id: string) {
  return r.methods.find((m) => m.id === id);
}
function allSteps(steps: readonly Step[] | undefined): Step[] {
  return (steps ?? []).flatMap((s) => [s, ...allSteps(s.children)]);
}
const codesOf = (r: AutodiscoverReport, id: string) =>
  allSteps(method(r, id)?.steps).flatMap((s) => (s.code ? [s.code] : []));

describe("autodiscover check against the simulator's DNS and AutoDiscover servers", () => {
  let sim: LocalSim;
  let user: Awaited<ReturnType<LocalSim["orgWithUser"]>>;
  let base: AutodiscoverCheckOptions;

  beforeEach(async () => {
    sim = await LocalSim.open();
    user = await sim.orgWithUser();
    await sim.backend.registerMailDomain({ OrganizationId: user.org, DomainName: D });
    await sim.publish(user.org, D);
    const dns = await sim.startDns();
    const ad = await sim.startAutodiscover();
    base = {
      domain: D,
      resolvers: [parseServer(`127.0.0.1:${dns.port}`)],
      resolver,
      ca: [ad.caCertificatePem],
      httpsPort: ad.httpsPort,
      httpPort: ad.httpPort,
      expectedCname: "autodiscover.mail.us-east-1.awsapps.com",
      timeoutMs: 3000,
    };
  });
  afterEach(async () => {
    await sim.close();
  });

  /** autodiscover.<D> as an address record of the admin's own instead of WorkMail's CNAME (or neither). */
  async function replaceCname(address: string | undefined): Promise<void> {
    await sim.zones.changeResourceRecordSets({
      HostedZoneId: await sim.zoneId(D),
      ChangeBatch: {
        Changes: [
          {
            Action: "DELETE",
            ResourceRecordSet: {
              Name: `autodiscover.${D}`,
              Type: "CNAME",
              TTL: 300,
              ResourceRecords: [{ Value: "autodiscover.mail.us-east-1.awsapps.com" }],
            },
          },
          ...(address === undefined
            ? []
            : [
                {
                  Action: "CREATE" as const,
                  ResourceRecordSet: {
                    Name: `autodiscover.${D}`,
                    Type: "A" as const,
                    TTL: 300,
                    ResourceRecords: [{ Value: address }],
                  },
                },
              ]),
        ],
      },
    });
  }

  it("follows phase 3 (CNAME, 302 to HTTPS) to a 401, and with credentials to the MobileSync URL", async () => {
    const r = await checkAutodiscover({ ...base, email: user.email, password: user.password });
    expect(r.workingMethod).toBe("phase3-redirect");
    expect(r.mobileSyncUrl).toBe("https://mobile.mail.us-east-1.awsapps.com/Microsoft-Server-ActiveSync");
    expect(method(r, "phase1-scp")?.status).toBe("skip");
    expect(method(r, "phase2-root")?.status).toBe("skip"); // example.com has no address: Outlook moves on
    // With only the CNAME, HTTPS at autodiscover.example.com presents WorkMail's certificate: phase 2 is not set up.
    expect(method(r, "phase2-autodiscover")?.status).toBe("warn");
    expect(codesOf(r, "phase2-autodiscover")).toEqual(["AD_TLS_NAME_MISMATCH"]);
    expect(method(r, "phase3-redirect")?.status).toBe("pass");
    const follow = method(r, "phase3-redirect")?.steps.find((s) => s.id === "follow");
    expect(follow?.children?.map((s) => [s.id, s.status])).toEqual([
      ["dns", "pass"],
      ["connect", "pass"],
      ["tls", "pass"],
      ["unauthenticated", "pass"],
      ["authenticated", "pass"],
    ]);
    expect(method(r, "srv")?.status).toBe("skip");
    expect(r.status).toBe("warn");
  });

  it("stops at the 401 without credentials, and reports a rejected password", async () => {
    const anonymous = await checkAutodiscover(base);
    expect(anonymous.workingMethod).toBe("phase3-redirect");
    expect(anonymous.mobileSyncUrl).toBeUndefined();
    const wrong = await checkAutodiscover({ ...base, email: user.email, password: "not-it" });
    expect(codesOf(wrong, "phase3-redirect")).toContain("AD_AUTH_REJECTED");
    expect(wrong.status).toBe("fail");
  });

  it("passes phase 2 when autodiscover.<domain> is an endpoint of the admin's own (an address record)", async () => {
    await replaceCname("127.0.0.1");
    const r = await checkAutodiscover({ ...base, email: user.email, password: user.password });
    expect(method(r, "phase2-autodiscover")?.status).toBe("pass");
    expect(r.workingMethod).toBe("phase2-autodiscover");
    expect(r.mobileSyncUrl).toContain("Microsoft-Server-ActiveSync");
    expect(codesOf(r, "phase3-redirect")).toContain("AD_CNAME_MISSING");
  });

  it("runs phase 3 when autodiscover.<domain> has an A record, and reports the missing CNAME on its own", async () => {
    await replaceCname("127.0.0.1");
    const r = await checkAutodiscover({ ...base, email: user.email, password: user.password });
    const phase3 = method(r, "phase3-redirect");
    expect(phase3?.steps.map((s) => [s.id, s.status, s.code])).toEqual([
      ["cname", "warn", "AD_CNAME_MISSING"],
      ["dns", "pass", undefined],
      ["redirect", "pass", undefined],
      ["follow", "pass", undefined],
    ]);
    expect(phase3?.steps[0]?.fix).toContain("CNAME autodiscover.mail.us-east-1.awsapps.com");
    expect(phase3?.status).toBe("warn");
    expect(phase3?.steps[3]?.children?.find((s) => s.id === "authenticated")?.status).toBe("pass");
  });

  it("still fails phase 3 when autodiscover.<domain> does not resolve at all", async () => {
    await replaceCname(undefined);
    const r = await checkAutodiscover(base);
    expect(method(r, "phase3-redirect")?.steps.map((s) => [s.id, s.status, s.code])).toEqual([
      ["cname", "fail", "AD_CNAME_MISSING"],
    ]);
    expect(r.status).toBe("fail");
  });

  it("flags the root-domain certificate trap", async () => {
    await sim.upsert(D, D, "A", ["127.0.0.1"]);
    const r = await checkAutodiscover(base);
    expect(method(r, "phase2-root")?.status).toBe("fail");
    const trap = allSteps(method(r, "phase2-root")?.steps).find((s) => s.code === "AD_ROOT_DOMAIN_CERT_TRAP");
    expect(trap?.fix).toContain("stops at a certificate error");
    expect(r.status).toBe("fail");
  });

  it("does not trust the simulator's certificate without its CA", async () => {
    const r = await checkAutodiscover({ ...base, ca: [] });
    const follow = method(r, "phase3-redirect")?.steps.find((s) => s.id === "follow");
    expect(follow?.children?.find((s) => s.id === "tls")).toMatchObject({ status: "fail", code: "AD_TLS_UNTRUSTED" });
  });
});

describe("autodiscover check against an HTTPS server with a test CA", () => {
  let dir: string;
  let dns: TestDnsServer;
  let https: Server | undefined;
  afterEach(async () => {
    await dns?.close();
    await new Promise<void>((r) => (https ? https.close(() => r()) : r()));
    https = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function serveHttps(
    names: string[],
    handler: (status: (n: number) => void) => void,
    options: { validDays?: number; notBefore?: Date } = {},
  ) {
    dir = mkdtempSync(join(tmpdir(), "wmctl-ca-"));
    const db = openDatabase(join(dir, "ca.db"), [metaSchema]);
    const ca = await localCa(db);
    db.close();
    const cert = await issueCertificate(ca, names, options);
    https = createServer({ key: cert.keyPem, cert: cert.certPem }, (_req, res) =>
      handler((n) => res.writeHead(n).end()),
    );
    const port = await new Promise<number>((r) =>
      https?.listen(0, "127.0.0.1", () => r((https?.address() as { port: number }).port)),
    );
    dns = await startTestDnsServer({
      records: [{ name: `autodiscover.${D}`, type: "A", value: "127.0.0.1" }],
      zones: [D],
    });
    return { ca: ca.certPem, port };
  }

  it("reports a web server that answers 404 instead of 401", async () => {
    const { ca, port } = await serveHttps([`autodiscover.${D}`], (status) => status(404));
    const r = await checkAutodiscover({
      domain: D,
      resolvers: [parseServer(dns.address)],
      resolver,
      ca: [ca],
      httpsPort: port,
      httpPort: 9,
      timeoutMs: 2000,
    });
    expect(codesOf(r, "phase2-autodiscover")).toEqual(["AD_UNAUTHENTICATED_NOT_401"]);
    expect(r.status).toBe("fail");
  });

  it("reports an expired certificate", async () => {
    const { ca, port } = await serveHttps([`autodiscover.${D}`], (status) => status(401), {
      validDays: 1,
      notBefore: new Date(Date.now() - 10 * 86400_000),
    });
    const r = await checkAutodiscover({
      domain: D,
      resolvers: [parseServer(dns.address)],
      resolver,
      ca: [ca],
      httpsPort: port,
      httpPort: 9,
      timeoutMs: 2000,
    });
    expect(codesOf(r, "phase2-autodiscover")).toEqual(["AD_TLS_EXPIRED"]);
  });

  it("fails an SRV record whose target does not resolve (the domain's own names may be absent)", async () => {
    dir = mkdtempSync(join(tmpdir(), "wmctl-ca-"));
    dns = await startTestDnsServer({
      records: [
        {
          name: `_autodiscover._tcp.${D}`,
          type: "SRV",
          value: { priority: 0, weight: 0, port: 443, target: `gone.${D}` },
        },
      ],
      zones: [D],
    });
    const r = await checkAutodiscover({
      domain: D,
      resolvers: [parseServer(dns.address)],
      resolver,
      httpPort: 9,
      timeoutMs: 2000,
    });
    expect(method(r, "srv")?.status).toBe("fail");
    expect(codesOf(r, "srv")).toEqual(["AD_DNS_NO_ADDRESS"]);
    expect(method(r, "phase2-root")?.status).toBe("skip");
  });

  it("passes phase 2 on a trusted certificate for the name that answers 401", async () => {
    const { ca, port } = await serveHttps([`autodiscover.${D}`], (status) => status(401));
    const r = await checkAutodiscover({
      domain: D,
      resolvers: [parseServer(dns.address)],
      resolver,
      ca: [ca],
      httpsPort: port,
      httpPort: 9,
      timeoutMs: 2000,
    });
    expect(method(r, "phase2-autodiscover")?.status).toBe("pass");
    expect(r.status).toBe("pass");
  });
});

describe("parsePoxAnswer", () => {
  it("reads the MobileSync URL from the guide's sample answer (which lacks its closing tag)", async () => {
    const sample = `<?xml version="1.0" encoding="UTF-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
<Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006">
<Culture>en:us</Culture><User><DisplayName>User1</DisplayName><EMailAddress>testuser@company.tld</EMailAddress></User>
<Action><Settings><Server><Type>MobileSync</Type><Url>https://mobile.mail.us-east-1.awsapps.com/Microsoft-Server-ActiveSync</Url></Server></Settings></Action>
</Response>`;
    expect((await parsePoxAnswer(sample)).kind).toBe("unknown");
    const closed = await parsePoxAnswer(`${sample}</Autodiscover>`);
    expect(closed).toMatchObject({
      kind: "mobilesync",
      displayName: "User1",
      email: "testuser@company.tld",
      mobileSyncUrl: "https://mobile.mail.us-east-1.awsapps.com/Microsoft-Server-ActiveSync",
    });
  });

  it("reads error answers and redirects", async () => {
    expect(
      await parsePoxAnswer(
        `<Autodiscover><Response><Error><ErrorCode>600</ErrorCode><Message>Invalid Request</Message></Error></Response></Autodiscover>`,
      ),
    ).toEqual({
      kind: "error",
      errorCode: "600",
      errorMessage: "Invalid Request",
    });
    expect(
      (
        await parsePoxAnswer(
          `<Autodiscover><Response><Action><Redirect>other@example.com</Redirect></Action></Response></Autodiscover>`,
        )
      ).redirectTo,
    ).toBe("other@example.com");
    expect((await parsePoxAnswer("<html>not xml")).kind).toBe("unknown");
  });
});

import { createSocket } from "node:dgram";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DnsView } from "../../src/dns-verify/dns-view.js";
import { parseServer } from "../../src/dns-verify/resolver.js";
import { expandSpf, type LookupNode } from "../../src/dns-verify/records/spf-lookups.js";
import { WireResolver } from "../../src/dns-verify/wire-resolver.js";
import { startTestDnsServer, type TestDnsServer, type TestRecord } from "../helpers/dns-test-server.js";

/**
 * The SPF lookup count of RFC 7208 section 4.6.4 (10 lookup terms, 2 void lookups, 10 MX hosts),
 * against a zone server on loopback (a fresh one, on its own port, per test): each test asks
 * expandSpf directly, so a test costs a few loopback queries, not a whole domain verification.
 */
const N = "example.net";
const txt = (name: string, value: string): TestRecord => ({ name: `${name}.${N}`, type: "TXT", value });
const mx = (name: string, count: number): TestRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    name: `${name}.${N}`,
    type: "MX" as const,
    value: { preference: 10 + i, exchange: `mx${i}.${N}` },
  }));
const chain = Array.from({ length: 12 }, (_, i) =>
  txt(`c${i + 1}`, i + 1 < 12 ? `v=spf1 include:c${i + 2}.${N} -all` : "v=spf1 -all"),
);

const zone: TestRecord[] = [
  { name: "example.com", type: "MX", value: { preference: 10, exchange: `mx0.${N}` } },
  { name: "example.com", type: "A", value: "192.0.2.10" },
  txt("ses", "v=spf1 ip4:199.255.192.0/22 -all"),
  // A domain-verification TXT beside the SPF record: still exactly one SPF record.
  txt("verified", "google-site-verification=abc123"),
  txt("verified", "v=spf1 ip4:192.0.2.0/24 -all"),
  txt("two", "v=spf1 ip4:192.0.2.1 -all"),
  txt("two", "v=spf1 ip4:192.0.2.2 -all"),
  txt("nospf", "google-site-verification=abc123"),
  txt("nested", `v=spf1 a mx include:ses.${N} -all`),
  { name: `nested.${N}`, type: "A", value: "192.0.2.20" },
  { name: `v4.${N}`, type: "A", value: "192.0.2.1" },
  { name: `v6.${N}`, type: "AAAA", value: "2001:db8::1" },
  ...mx("mxonly", 1),
  ...mx("many", 11),
  ...mx("ten", 10),
  ...chain,
  txt("loop1", `v=spf1 include:loop2.${N} -all`),
  txt("loop2", `v=spf1 include:loop1.${N} -all`),
  txt("redir", `v=spf1 a:v4.${N} redirect=ses.${N}`),
  txt("allredir", `v=spf1 -all redirect=nested.${N}`),
];

let server: TestDnsServer;
const resolver = new WireResolver({ timeoutMs: 1000, tries: 1 });
const view = () => new DnsView(resolver, [{ server: parseServer(server.address), role: "resolver" }]);
const expand = (record: string, domain = "example.com", dns = view(), maxDepth?: number) =>
  expandSpf(domain, record, dns, maxDepth);
/** A loopback port nobody listens on: UDP queries to it fail with ECONNREFUSED. */
async function closedPort(): Promise<number> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}
const shape = (n: LookupNode) => ({ term: n.term, domain: n.domain, lookups: n.lookups, void: n.void });

beforeEach(async () => {
  server = await startTestDnsServer({ records: zone, zones: ["example.com", N] });
});
afterEach(async () => {
  await server.close();
});

describe("expandSpf: the DNS lookups an SPF record costs (RFC 7208 section 4.6.4)", () => {
  it("counts nothing for terms that need no lookup, including modifiers named like mechanisms", async () => {
    const e = await expand(
      "v=spf1 ip4:192.0.2.1 ip6:2001:db8::1 exp=explain.example.com a=v4.example.net include=ses.example.net -all",
    );
    expect(e).toEqual({ lookups: 0, voidLookups: 0, tree: [], includes: [], problems: [] });
  });

  it("counts an include and every lookup term of the included record, one each", async () => {
    const e = await expand(`v=spf1 include:nested.${N} ~all`);
    expect(e.problems).toEqual([]);
    expect(e.lookups).toBe(4);
    // `mx` in nested.example.net means nested.example.net's MX, which does not exist: one void lookup.
    expect(e.voidLookups).toBe(1);
    expect(e.includes).toEqual([`nested.${N}`, `ses.${N}`]);
    const [include] = e.tree;
    expect(include && shape(include)).toEqual({
      term: `include:nested.${N}`,
      domain: `nested.${N}`,
      lookups: 4,
      void: false,
    });
    expect(include?.record).toBe(`v=spf1 a mx include:ses.${N} -all`);
    expect(include?.children.map(shape)).toEqual([
      { term: "a", domain: `nested.${N}`, lookups: 1, void: false },
      { term: "mx", domain: `nested.${N}`, lookups: 1, void: true },
      { term: `include:ses.${N}`, domain: `ses.${N}`, lookups: 1, void: false },
    ]);
    expect(include?.children[2]?.record).toBe("v=spf1 ip4:199.255.192.0/22 -all");
  });

  it("does not count a verification TXT beside the included SPF record as a second SPF record", async () => {
    const e = await expand(`v=spf1 include:verified.${N} -all`);
    expect(e.problems).toEqual([]);
    expect(e.tree[0]?.record).toBe("v=spf1 ip4:192.0.2.0/24 -all");
    expect(e.lookups).toBe(1);
  });

  it("reports an included domain with two SPF records, or none, as a permanent error", async () => {
    const two = await expand(`v=spf1 include:two.${N} -all`);
    expect(two.problems).toEqual([
      {
        code: "SPF_INCLUDE_NO_SPF",
        severity: "error",
        message: `two.${N} has 2 SPF records`,
        term: `include:two.${N}`,
      },
    ]);
    expect(two.tree[0]?.record).toBeUndefined();

    const none = await expand(`v=spf1 include:nospf.${N} -all`);
    expect(none.problems).toEqual([
      {
        code: "SPF_INCLUDE_NO_SPF",
        severity: "error",
        message: `nospf.${N} (from \`include:nospf.${N}\`) has no SPF record: receivers treat this as a permanent error`,
        term: `include:nospf.${N}`,
      },
    ]);
    // The name has TXT records, so the lookup was not void.
    expect(none.voidLookups).toBe(0);
    expect(none.lookups).toBe(1);

    const gone = await expand(`v=spf1 include:gone.${N} -all`);
    expect(gone.problems.map((p) => [p.code, p.severity])).toEqual([["SPF_INCLUDE_NO_SPF", "error"]]);
    expect(gone.voidLookups).toBe(1);
    expect(gone.tree[0]?.void).toBe(true);
  });

  it("warns, without counting further, when an included domain cannot be looked up", async () => {
    // The zone server refuses names outside its zones.
    const refused = await expand("v=spf1 include:spf.example.org -all");
    expect(refused.problems).toEqual([
      {
        code: "SPF_INCLUDE_UNRESOLVED",
        severity: "warning",
        message: "could not look up spf.example.org (refused); its lookups are not counted",
        term: "include:spf.example.org",
      },
    ]);
    expect(refused.lookups).toBe(1);
    expect(refused.voidLookups).toBe(0);
    expect(refused.includes).toEqual(["spf.example.org"]);

    const closed = new DnsView(resolver, [
      { server: { host: "127.0.0.1", port: await closedPort() }, role: "resolver" },
    ]);
    const down = await expand(`v=spf1 include:ses.${N} -all`, "example.com", closed);
    expect(down.problems[0]?.message).toBe(
      `could not look up ses.${N} (refused: connection refused); its lookups are not counted`,
    );

    // With no server to ask, every term still costs its lookup, and none is void.
    const noServer = await expand(
      `v=spf1 a mx exists:v4.${N} include:ses.${N} -all`,
      "example.com",
      new DnsView(resolver, []),
    );
    expect(noServer.problems.map((p) => p.message)).toEqual([
      `could not look up ses.${N} (no server); its lookups are not counted`,
    ]);
    expect(noServer.lookups).toBe(4);
    expect(noServer.voidLookups).toBe(0);
  });

  it("reports include loops, back to the domain itself or between included records", async () => {
    const self = await expand("v=spf1 include:example.com -all", "Example.COM");
    expect(self.problems).toEqual([
      {
        code: "SPF_INCLUDE_LOOP",
        severity: "error",
        message: "example.com -> example.com loops back to example.com",
        term: "include:example.com",
      },
    ]);
    expect(self.lookups).toBe(1);

    const loop = await expand(`v=spf1 include:loop1.${N} -all`);
    expect(loop.problems.map((p) => [p.code, p.message, p.term])).toEqual([
      [
        "SPF_INCLUDE_LOOP",
        `example.com -> loop1.${N} -> loop2.${N} -> loop1.${N} loops back to loop1.${N}`,
        `include:loop1.${N}`,
      ],
    ]);
    expect(loop.lookups).toBe(3);
    expect(loop.includes).toEqual([`loop1.${N}`, `loop2.${N}`]);
  });

  it("follows nested includes ten levels deep, and no deeper", async () => {
    const e = await expand(`v=spf1 include:c1.${N} -all`);
    expect(e.problems).toEqual([]);
    expect(e.lookups).toBe(10);
    let deepest = e.tree[0];
    for (let level = 1; level < 10; level++) deepest = deepest?.children[0];
    expect(deepest?.term).toBe(`include:c10.${N}`);
    expect(deepest?.record).toBe(`v=spf1 include:c11.${N} -all`);
    expect(deepest?.children).toEqual([]);

    const shallow = await expand(`v=spf1 include:c1.${N} -all`, "example.com", view(), 3);
    expect(shallow.lookups).toBe(3);
  });

  it("counts redirect= only when the record has no `all` (RFC 7208 section 6.1), at any level", async () => {
    const top = await expand(`v=spf1 a:v4.${N} redirect=SES.Example.NET`);
    expect(top.tree.map(shape)).toEqual([
      { term: `a:v4.${N}`, domain: `v4.${N}`, lookups: 1, void: false },
      { term: "redirect=SES.Example.NET", domain: `ses.${N}`, lookups: 1, void: false },
    ]);
    expect(top.includes).toEqual([`ses.${N}`]);
    expect(top.tree[1]?.record).toBe("v=spf1 ip4:199.255.192.0/22 -all");

    // Without `all`, redirect= counts, and a modifier merely named like a mechanism still does not.
    const named = await expand(`v=spf1 a=v4.${N} redirect=ses.${N}`);
    expect(named.tree.map((n) => n.term)).toEqual([`redirect=ses.${N}`]);

    const ignored = await expand(`v=spf1 a:v4.${N} -all redirect=ses.${N}`);
    expect(ignored.lookups).toBe(1);
    expect(ignored.includes).toEqual([]);

    expect((await expand(`v=spf1 include:redir.${N} -all`)).lookups).toBe(3);
    expect((await expand(`v=spf1 include:allredir.${N} -all`)).lookups).toBe(1);
  });

  it("counts `a` as void only when the name has neither A nor AAAA records", async () => {
    const e = await expand(`v=spf1 a:v4.${N} a:v6.${N} a:mxonly.${N} a:gone.${N} a a:host.example.org -all`);
    expect(e.tree.map((n) => [n.domain, n.void])).toEqual([
      [`v4.${N}`, false],
      [`v6.${N}`, false],
      [`mxonly.${N}`, true],
      [`gone.${N}`, true],
      ["example.com", false],
      // Refused: nothing is known about the name, so the lookup is not void.
      ["host.example.org", false],
    ]);
    expect(e.lookups).toBe(6);
    expect(e.voidLookups).toBe(2);
  });

  it("reports an `mx` whose domain has more than 10 MX hosts, and counts names without MX as void", async () => {
    const e = await expand(`v=spf1 mx mx:ten.${N} mx:many.${N} mx:v4.${N} mx:gone.${N} -all`);
    expect(e.problems).toEqual([
      {
        code: "SPF_MX_TOO_MANY",
        severity: "error",
        message: `\`mx:many.${N}\`: many.${N} has 11 MX hosts; more than 10 is a permanent error`,
        term: `mx:many.${N}`,
      },
    ]);
    expect(e.tree.map((n) => [n.domain, n.void])).toEqual([
      ["example.com", false],
      [`ten.${N}`, false],
      [`many.${N}`, false],
      [`v4.${N}`, true],
      [`gone.${N}`, true],
    ]);
    expect(e.voidLookups).toBe(2);
  });

  it("counts `exists` as void when the name has no A record", async () => {
    const e = await expand(`v=spf1 exists:v4.${N} exists:v6.${N} exists:gone.${N} -all`);
    expect(e.tree.map((n) => [n.domain, n.void])).toEqual([
      [`v4.${N}`, false],
      [`v6.${N}`, true],
      [`gone.${N}`, true],
    ]);
    expect(e.voidLookups).toBe(2);
  });

  it("counts macros and ptr as one lookup each without asking DNS", async () => {
    const e = await expand(`v=spf1 exists:%{i}._spf.${N} ptr ptr:v4.${N} -all`);
    expect(e.tree.map(shape)).toEqual([
      { term: `exists:%{i}._spf.${N}`, domain: undefined, lookups: 1, void: false },
      { term: "ptr", domain: "example.com", lookups: 1, void: false },
      { term: `ptr:v4.${N}`, domain: `v4.${N}`, lookups: 1, void: false },
    ]);
    expect(e.lookups).toBe(3);
    expect(server.queries).toEqual([]);
  });

  it("stops asking DNS after 40 lookups, still counting every term", async () => {
    const terms = Array.from({ length: 45 }, (_, i) => `exists:runaway${i}.${N}`).join(" ");
    const e = await expand(`v=spf1 ${terms} -all`);
    expect(e.lookups).toBe(45);
    expect(e.voidLookups).toBe(40);
    expect(server.queries).toHaveLength(40);
  });
});

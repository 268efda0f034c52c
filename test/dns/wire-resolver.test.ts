import { afterEach, describe, expect, it } from "vitest";
import { parseServer } from "../../src/dns-verify/resolver.js";
import { WireResolver } from "../../src/dns-verify/wire-resolver.js";
import { startTestDnsServer, type TestDnsServer } from "../helpers/dns-test-server.js";

const servers: TestDnsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(...args: Parameters<typeof startTestDnsServer>): Promise<TestDnsServer> {
  const s = await startTestDnsServer(...args);
  servers.push(s);
  return s;
}

const resolver = new WireResolver({ timeoutMs: 300, tries: 1 });

describe("the wire resolver against real DNS servers on loopback", () => {
  it("joins split TXT strings, keeps them, and reports the TTL and the AA flag", async () => {
    const key = "v=DKIM1; k=rsa; p=" + "Q".repeat(300);
    const s = await serve({
      records: [
        { name: "sel._domainkey.example.com", type: "TXT", value: [key.slice(0, 255), key.slice(255)], ttl: 1234 },
      ],
      zones: ["example.com"],
    });
    const a = await resolver.query(parseServer(s.address), "SEL._domainkey.example.com.", "TXT");
    expect(a).toMatchObject({
      outcome: "answer",
      name: "sel._domainkey.example.com",
      ttl: 1234,
      authoritative: true,
      server: s.address,
    });
    expect(a.txt).toEqual([key]);
    expect(a.txtStrings[0]?.map((p) => p.length)).toEqual([255, key.length - 255]);
  });

  it("tells NXDOMAIN, NODATA and REFUSED apart", async () => {
    const s = await serve({
      records: [
        { name: "example.com", type: "MX", value: { preference: 10, exchange: "mx.example.com" } },
        { name: "a.b.example.com", type: "A", value: "192.0.2.1" },
      ],
    });
    const server = parseServer(s.address);
    expect((await resolver.query(server, "nope.example.com", "TXT")).outcome).toBe("nxdomain");
    expect((await resolver.query(server, "example.com", "TXT")).outcome).toBe("nodata");
    expect((await resolver.query(server, "b.example.com", "A")).outcome).toBe("nodata"); // an empty non-terminal
    expect((await resolver.query(server, "example.org", "TXT")).outcome).toBe("refused");
    expect((await resolver.query(server, "example.com", "MX")).mx).toEqual([
      { preference: 10, exchange: "mx.example.com" },
    ]);
  });

  it("gives up on a server that never answers after its timeout, with a timeout outcome", async () => {
    const s = await serve({ records: [{ name: "example.com", type: "TXT", value: "x" }], silent: true });
    const a = await new WireResolver({ timeoutMs: 200, tries: 2 }).query(parseServer(s.address), "example.com", "TXT");
    expect(a.outcome).toBe("timeout");
    expect(a.error).toBe("no answer within 200 ms (2 tries)");
    expect(s.queries.filter((q) => q.transport === "udp")).toHaveLength(2);
  });

  it("retries over TCP on the same port when the UDP answer is truncated (TC=1)", async () => {
    const s = await serve({
      records: [{ name: "big.example.com", type: "TXT", value: "all of it" }],
      truncateUdp: true,
    });
    const a = await resolver.query(parseServer(s.address), "big.example.com", "TXT");
    expect(a).toMatchObject({ outcome: "answer", viaTcp: true, txt: ["all of it"] });
    expect(s.queries.map((q) => q.transport)).toEqual(["udp", "tcp"]);
  });

  it("reports a closed port as refused at once instead of waiting", async () => {
    const s = await serve({ records: [] });
    const address = parseServer(s.address);
    await s.close();
    servers.pop();
    const a = await new WireResolver({ timeoutMs: 5000, tries: 3 }).query(address, "example.com", "TXT");
    expect(a.outcome).toBe("refused");
    expect(a.elapsedMs).toBeLessThan(4000);
  });

  it("parses server addresses with and without ports", () => {
    expect(parseServer("1.1.1.1")).toEqual({ host: "1.1.1.1", port: 53 });
    expect(parseServer("127.0.0.1:5353")).toEqual({ host: "127.0.0.1", port: 5353 });
    expect(parseServer("[::1]:5353")).toEqual({ host: "::1", port: 5353 });
    expect(parseServer("::1")).toEqual({ host: "::1", port: 53 });
    expect(() => parseServer("ns1.example.com")).toThrow(/not a DNS server address/);
    expect(() => parseServer("127.0.0.1:99999")).toThrow(/invalid port/);
  });
});

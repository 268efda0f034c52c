import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseServer } from "../../src/dns-verify/resolver.js";
import { WireResolver } from "../../src/dns-verify/wire-resolver.js";
import { runningServices } from "../../src/local-backend/network-services.js";
import { LocalSim } from "../helpers/local-sim.js";

let sim: LocalSim;
beforeEach(async () => {
  sim = await LocalSim.open();
});
afterEach(async () => {
  await sim.close();
});

const resolver = new WireResolver({ timeoutMs: 1000, tries: 1 });

describe("the simulator's DNS server (dns2, UDP and TCP on one port)", () => {
  it("serves the local zones, splitting long TXT values into 255-byte strings", async () => {
    const key = "v=DKIM1; k=rsa; p=" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(9);
    await sim.upsert("example.com", "sel._domainkey.example.com", "TXT", [key]);
    const dns = await sim.startDns();
    const a = await resolver.query(parseServer(`127.0.0.1:${dns.port}`), "sel._domainkey.example.com", "TXT");
    expect(a.outcome).toBe("answer");
    expect(a.txt).toEqual([key]);
    expect(a.txtStrings[0]?.every((s) => Buffer.byteLength(s) <= 255)).toBe(true);
    expect(a.txtStrings[0]?.length).toBe(2);
  });

  it("answers a response too big for UDP with TC=1, and the same port answers over TCP", async () => {
    const values = Array.from({ length: 40 }, (_, i) => `record ${i} padded to make the answer larger than 512 bytes`);
    await sim.upsert("example.com", "big.example.com", "TXT", values);
    const dns = await sim.startDns();
    const a = await resolver.query(parseServer(`127.0.0.1:${dns.port}`), "big.example.com", "TXT");
    expect(a).toMatchObject({ outcome: "answer", viaTcp: true });
    expect(a.txt).toHaveLength(40);
  });

  it("is authoritative for its zones only: NXDOMAIN inside with the SOA, REFUSED outside", async () => {
    await sim.upsert("example.com", "example.com", "MX", ["10 inbound-smtp.us-east-1.amazonaws.com"]);
    const dns = await sim.startDns();
    const server = parseServer(`127.0.0.1:${dns.port}`);
    const mx = await resolver.query(server, "example.com", "MX");
    expect(mx).toMatchObject({
      outcome: "answer",
      authoritative: true,
      mx: [{ preference: 10, exchange: "inbound-smtp.us-east-1.amazonaws.com" }],
    });
    expect(await resolver.query(server, "nope.example.com", "A")).toMatchObject({
      outcome: "nxdomain",
      soaZone: "example.com",
    });
    expect(await resolver.query(server, "example.com", "TXT")).toMatchObject({
      outcome: "nodata",
      soaZone: "example.com",
    });
    expect((await resolver.query(server, "example.org", "A")).outcome).toBe("refused");
    expect((await resolver.query(server, "example.com", "NS")).values).toEqual([
      "ns-1.wmctl.localhost",
      "ns-2.wmctl.localhost",
    ]);
  });

  it("expands wildcards, and answers an empty non-terminal with NODATA rather than the wildcard", async () => {
    await sim.upsert("example.com", "*.example.com", "TXT", ["wild"]);
    await sim.upsert("example.com", "a.b.example.com", "TXT", ["deep"]);
    const dns = await sim.startDns();
    const server = parseServer(`127.0.0.1:${dns.port}`);
    expect((await resolver.query(server, "anything.example.com", "TXT")).txt).toEqual(["wild"]);
    expect((await resolver.query(server, "a.b.example.com", "TXT")).txt).toEqual(["deep"]);
    expect(await resolver.query(server, "b.example.com", "TXT")).toMatchObject({
      outcome: "nodata",
      soaZone: "example.com",
    });
    expect(await resolver.query(server, "anything.example.com", "MX")).toMatchObject({ outcome: "nodata" });
  });

  it("answers for the simulated AWS names, so AutoDiscover and include:amazonses.com work offline", async () => {
    await sim.upsert("example.com", "autodiscover.example.com", "CNAME", ["autodiscover.mail.us-east-1.awsapps.com"]);
    const dns = await sim.startDns();
    const server = parseServer(`127.0.0.1:${dns.port}`);
    const a = await resolver.query(server, "autodiscover.example.com", "A");
    expect(a.aliases).toEqual([["autodiscover.example.com", "autodiscover.mail.us-east-1.awsapps.com"]]);
    expect(a.values).toEqual(["127.0.0.1"]);
    expect((await resolver.query(server, "ns-1.wmctl.localhost", "A")).values).toEqual(["127.0.0.1"]);
    expect((await resolver.query(server, "amazonses.com", "TXT")).txt[0]).toMatch(/^v=spf1 ip4:/);
  });

  it("sees changes to the zones at once, and advertises itself in the store while it runs", async () => {
    const dns = await sim.startDns(true);
    expect(runningServices(sim.backend.db, "dns")).toEqual([
      expect.objectContaining({ host: "127.0.0.1", port: dns.port, pid: process.pid }),
    ]);
    const server = parseServer(`127.0.0.1:${dns.port}`);
    await sim.upsert("example.com", "_amazonses.example.com", "TXT", ["token-1"]);
    expect((await resolver.query(server, "_amazonses.example.com", "TXT")).txt).toEqual(["token-1"]);
    await sim.upsert("example.com", "_amazonses.example.com", "TXT", ["token-2", "token-3"]);
    expect([...(await resolver.query(server, "_amazonses.example.com", "TXT")).txt].sort()).toEqual([
      "token-2",
      "token-3",
    ]);
    await dns.close();
    expect(runningServices(sim.backend.db, "dns")).toEqual([]);
  });
});

describe("the simulator's DNS server under hostile packets", () => {
  const HOSTILE = Buffer.from([0xab, 0xcd, 0x01, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

  it("answers a header whose counts cannot fit with FORMERR at once, over UDP, and keeps answering", async () => {
    const dns = await sim.startDns();
    const { createSocket } = await import("node:dgram");
    const socket = createSocket("udp4");
    try {
      const reply = await new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no answer in 2 s")), 2000);
        socket.once("message", (m: Buffer) => {
          clearTimeout(timer);
          resolve(m);
        });
        socket.send(HOSTILE, dns.port, "127.0.0.1");
      });
      // Same id, QR=1, RCODE=1 (FORMERR), no sections.
      expect([...reply]).toEqual([0xab, 0xcd, 0x81, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]);
    } finally {
      socket.close();
    }
    expect(
      (await resolver.query(parseServer(`127.0.0.1:${dns.port}`), "autodiscover.mail.us-east-1.awsapps.com", "A"))
        .values,
    ).toEqual(["127.0.0.1"]);
  });

  it("answers it with FORMERR over TCP and closes that connection", async () => {
    const dns = await sim.startDns();
    const { connect } = await import("node:net");
    const socket = connect(dns.port, "127.0.0.1");
    const received: Buffer[] = [];
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    socket.on("data", (d: Buffer) => received.push(d));
    socket.write(Buffer.concat([Buffer.from([0, HOSTILE.length]), HOSTILE]));
    await closed;
    expect([...Buffer.concat(received)]).toEqual([0, 12, 0xab, 0xcd, 0x81, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]);
    const big = Array.from({ length: 40 }, (_, i) => `record ${i} padded to make the answer larger than 512 bytes`);
    await sim.upsert("example.com", "big.example.com", "TXT", big);
    expect(await resolver.query(parseServer(`127.0.0.1:${dns.port}`), "big.example.com", "TXT")).toMatchObject({
      outcome: "answer",
      viaTcp: true,
    });
  });
});

import { createSocket } from "node:dgram";
import { isIPv6, connect } from "node:net";
import { randomInt } from "node:crypto";
import {
  emptyAnswer,
  normalizeName,
  serverLabel,
  type DnsAnswer,
  type DnsServer,
  type MxRecord,
  type Outcome,
  type RecordType,
  type Resolver,
  type SrvRecord,
} from "./resolver.js";

export interface WireResolverOptions {
  /** How long one attempt waits for an answer, UDP or TCP (default 2000 ms). */
  readonly timeoutMs?: number;
  /** UDP attempts before giving up with `timeout` (default 2). */
  readonly tries?: number;
}

type Dns2 = typeof import("dns2");
type Packet = InstanceType<Dns2["Packet"]>;
let dns2Module: Promise<Dns2> | undefined;
const loadDns2 = () => (dns2Module ??= import("dns2").then((m) => m.default as unknown as Dns2));

/**
 * The Resolver port over the wire: dns2's packet codec, our own transports. UDP first; on TC=1 the
 * same question over TCP to the same host and port; a timeout on every attempt, UDP and TCP alike.
 *
 * Why not node:dns's Resolver (c-ares)? It answers TXT, MX and CNAME questions without their TTL
 * and hides the AA flag and the exact RCODE (NODATA vs NXDOMAIN vs REFUSED), all of which the
 * doctor reports per server. dns2's own clients are not used either: its TCP client has no timeout
 * (reference/tech.md section 2).
 */
export class WireResolver implements Resolver {
  private readonly timeoutMs: number;
  private readonly tries: number;

  constructor(options: WireResolverOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.tries = Math.max(1, options.tries ?? 2);
  }

  async query(server: DnsServer, name: string, type: RecordType): Promise<DnsAnswer> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let dns2: Dns2;
    try {
      dns2 = await loadDns2();
    } catch (e) {
      return emptyAnswer(server, name, type, "error", elapsed(), (e as Error).message);
    }
    const id = randomInt(0x10000);
    const request = new dns2.Packet();
    request.header.id = id;
    request.header.rd = 1;
    request.questions.push({
      name: normalizeName(name),
      type: dns2.Packet.TYPE[type],
      class: dns2.Packet.CLASS.IN,
    } as never);
    const bytes = request.toBuffer();
    try {
      let response: Packet | undefined;
      for (let attempt = 0; attempt < this.tries && response === undefined; attempt++) {
        response = await this.udp(dns2, server, bytes, id);
      }
      if (response === undefined)
        return emptyAnswer(
          server,
          name,
          type,
          "timeout",
          elapsed(),
          `no answer within ${this.timeoutMs} ms (${this.tries} tries)`,
        );
      let viaTcp = false;
      if (response.header.tc === 1) {
        const overTcp = await this.tcp(dns2, server, bytes, id);
        if (overTcp === undefined)
          return emptyAnswer(
            server,
            name,
            type,
            "timeout",
            elapsed(),
            `truncated over UDP, and no TCP answer within ${this.timeoutMs} ms`,
          );
        response = overTcp;
        viaTcp = true;
      }
      return toAnswer(dns2, server, name, type, response, elapsed(), viaTcp);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const outcome: Outcome = err.code === "ECONNREFUSED" ? "refused" : "error";
      return emptyAnswer(
        server,
        name,
        type,
        outcome,
        elapsed(),
        err.code === "ECONNREFUSED" ? "connection refused" : err.message,
      );
    }
  }

  private udp(dns2: Dns2, server: DnsServer, bytes: Buffer, id: number): Promise<Packet | undefined> {
    return new Promise((resolve, reject) => {
      const socket = createSocket(isIPv6(server.host) ? "udp6" : "udp4");
      const finish = (value: Packet | undefined, error?: Error) => {
        clearTimeout(timer);
        socket.removeAllListeners();
        socket.on("error", () => undefined);
        try {
          socket.close();
        } catch {
          /* already closed */
        }
        if (error !== undefined) reject(error);
        else resolve(value);
      };
      const timer = setTimeout(() => finish(undefined), this.timeoutMs);
      socket.on("message", (msg) => {
        try {
          const packet = dns2.Packet.parse(msg);
          if (packet.header.id === id) finish(packet);
        } catch {
          /* not a DNS answer for us: keep waiting */
        }
      });
      // A connected socket hears ICMP "port unreachable" as ECONNREFUSED: a closed port fails at
      // once instead of waiting for the timeout.
      socket.on("error", (e) => finish(undefined, e));
      socket.connect(server.port, server.host, () => {
        socket.send(bytes, (e) => {
          if (e) finish(undefined, e);
        });
      });
    });
  }

  private tcp(dns2: Dns2, server: DnsServer, bytes: Buffer, id: number): Promise<Packet | undefined> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: server.host, port: server.port });
      let buffer = Buffer.alloc(0);
      const finish = (value: Packet | undefined, error?: Error) => {
        clearTimeout(timer);
        socket.removeAllListeners();
        socket.on("error", () => undefined);
        socket.destroy();
        if (error !== undefined) reject(error);
        else resolve(value);
      };
      const timer = setTimeout(() => finish(undefined), this.timeoutMs);
      socket.on("connect", () => {
        const len = Buffer.alloc(2);
        len.writeUInt16BE(bytes.length);
        socket.write(Buffer.concat([len, bytes]));
      });
      socket.on("data", (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        while (buffer.length >= 2) {
          const size = buffer.readUInt16BE(0);
          if (buffer.length < 2 + size) return;
          const message = buffer.subarray(2, 2 + size);
          buffer = buffer.subarray(2 + size);
          try {
            const packet = dns2.Packet.parse(message);
            if (packet.header.id === id) return finish(packet);
          } catch (e) {
            return finish(undefined, e as Error);
          }
        }
      });
      socket.on("error", (e) => finish(undefined, e));
      socket.on("end", () => finish(undefined, new Error("the server closed the TCP connection without answering")));
    });
  }
}

function toAnswer(
  dns2: Dns2,
  server: DnsServer,
  name: string,
  type: RecordType,
  packet: Packet,
  elapsedMs: number,
  viaTcp: boolean,
): DnsAnswer {
  const T = dns2.Packet.TYPE;
  const wanted = T[type];
  const records = packet.answers as unknown as Array<
    Record<string, unknown> & { type: number; ttl: number; name: string }
  >;
  const mine = records.filter((r) => r.type === wanted);
  const aliases =
    type === "CNAME"
      ? []
      : records
          .filter((r) => r.type === T.CNAME)
          .map((r) => [normalizeName(r.name), normalizeName(String(r.domain))] as const);
  const rcode = packet.header.rcode;
  let outcome: Outcome;
  if (rcode === 0) outcome = mine.length > 0 ? "answer" : "nodata";
  else if (rcode === 3) outcome = "nxdomain";
  else if (rcode === 5) outcome = "refused";
  else if (rcode === 2) outcome = "servfail";
  else outcome = "error";
  const txtStrings = type === "TXT" ? mine.map((r) => [r.data as string[] | string].flat().map(String)) : [];
  const mx: MxRecord[] =
    type === "MX"
      ? mine.map((r) => ({ preference: Number(r.priority), exchange: normalizeName(String(r.exchange)) }))
      : [];
  const srv: SrvRecord[] =
    type === "SRV"
      ? mine.map((r) => ({
          priority: Number(r.priority),
          weight: Number(r.weight),
          port: Number(r.port),
          target: normalizeName(String(r.target)),
        }))
      : [];
  const values =
    type === "CNAME"
      ? mine.map((r) => normalizeName(String(r.domain)))
      : type === "NS"
        ? mine.map((r) => normalizeName(String(r.ns)))
        : type === "A" || type === "AAAA"
          ? mine.map((r) => String(r.address))
          : [];
  const soa = (packet.authorities as unknown as Array<{ type: number; name: string }>).find((r) => r.type === T.SOA);
  return {
    server: serverLabel(server),
    name: normalizeName(name),
    type,
    outcome,
    ...(soa === undefined ? {} : { soaZone: normalizeName(soa.name) }),
    ttl: mine.length > 0 ? Math.min(...mine.map((r) => r.ttl)) : undefined,
    authoritative: packet.header.aa === 1,
    elapsedMs,
    txt: txtStrings.map((parts) => parts.join("")),
    txtStrings,
    mx,
    values,
    srv,
    aliases,
    viaTcp,
    ...(outcome === "error" ? { error: `RCODE ${rcode}` } : {}),
  };
}

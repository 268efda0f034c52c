import type { RemoteInfo } from "node:dgram";
import { createServer, isIPv6, type Server, type Socket } from "node:net";
import { checkQueryPacket } from "./packet-guard.js";

type Dns2 = typeof import("dns2");
type DnsPacket = InstanceType<Dns2["Packet"]>;

/** Answers one query; `send` is absent-minded about errors (the client may be gone). */
export type DnsHandler = (request: DnsPacket, send: (p: DnsPacket) => unknown, transport: "udp" | "tcp") => void;

export interface DnsListener {
  readonly port: number;
  close(): Promise<void>;
}

/** RFC 7766 section 6.2.3: idle TCP connections are closed after a while. */
const TCP_IDLE_MS = 10_000;
/** TCP connections at once (each holds at most one 64 KiB message being read). */
const MAX_TCP_CONNECTIONS = 256;

/**
 * dns2 UDP and TCP servers on one port number: UDP is bound first, then TCP on the same number
 * with an explicit host, so a client's TC=1 -> TCP fallback (which reuses the UDP port) reaches
 * this server (reference/tech.md section 2). With port 0, a UDP port whose TCP twin is taken is
 * given up and another tried. Every packet passes checkQueryPacket before dns2 parses it: a
 * header whose counts cannot fit the packet is answered FORMERR (or dropped) in constant time.
 */
export async function listenUdpAndTcp(
  dns2: Dns2,
  host: string,
  port: number | undefined,
  handle: DnsHandler,
): Promise<DnsListener> {
  for (let attempt = 0; ; attempt++) {
    const udp = new dns2.UDPServer({ type: isIPv6(host) ? "udp6" : "udp4" } as never);
    // dns2 parses every datagram it receives: its own listener gives way to the guarded one.
    udp.removeAllListeners("message");
    udp.on("message", (data: Buffer, rinfo: RemoteInfo) => {
      const verdict = checkQueryPacket(data);
      if (verdict.ok) (udp as unknown as { handle(d: Buffer, r: RemoteInfo): void }).handle(data, rinfo);
      else if (verdict.answer !== undefined) udp.send(verdict.answer, rinfo.port, rinfo.address, () => undefined);
    });
    udp.on("request", ((req: DnsPacket, send: (p: DnsPacket) => unknown) => handle(req, send, "udp")) as never);
    udp.on("error", () => undefined);
    const sockets = new Set<Socket>();
    const tcp = tcpServer(dns2, handle, sockets);
    const bound = await new Promise<number>((resolve, reject) => {
      udp.once("error", reject);
      udp.bind(port ?? 0, host, () => resolve(udp.address().port));
    });
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once("error", reject);
        tcp.listen({ port: bound, host }, () => resolve());
      });
    } catch (e) {
      udp.close();
      if ((e as NodeJS.ErrnoException).code === "EADDRINUSE" && (port ?? 0) === 0 && attempt < 10) continue;
      throw e;
    }
    return {
      port: bound,
      async close() {
        for (const s of sockets) s.destroy();
        await Promise.all([
          new Promise<void>((r) => udp.close(() => r())),
          new Promise<void>((r) => tcp.close(() => r())),
        ]);
      },
    };
  }
}

/**
 * DNS over TCP (RFC 1035 section 4.2.2, pipelining as RFC 7766): two-byte length, message. Each
 * message is checked before dns2 parses it; a bad one closes the connection.
 */
function tcpServer(dns2: Dns2, handle: DnsHandler, sockets: Set<Socket>): Server {
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
    let buffered: Buffer = Buffer.alloc(0);
    let inFlight = 0;
    let ended = false;
    const write = (message: Buffer) => {
      if (socket.destroyed || !socket.writable) return;
      const length = Buffer.alloc(2);
      length.writeUInt16BE(message.length);
      socket.write(Buffer.concat([length, message]));
    };
    const settle = () => {
      inFlight--;
      if (ended && inFlight === 0) socket.end();
    };
    socket.on("data", (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) return;
        const message = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        const verdict = checkQueryPacket(message);
        let request: DnsPacket | undefined;
        if (verdict.ok) {
          try {
            request = dns2.Packet.parse(message) as DnsPacket;
          } catch {
            request = undefined;
          }
        } else if (verdict.answer !== undefined) write(verdict.answer);
        if (request === undefined) {
          socket.end();
          buffered = Buffer.alloc(0);
          return;
        }
        inFlight++;
        let answered = false;
        try {
          handle(
            request,
            (p) => {
              if (answered) return;
              answered = true;
              write((p as unknown as { toBuffer(): Buffer }).toBuffer());
              settle();
            },
            "tcp",
          );
        } catch {
          // A handler that throws (a bug) loses this connection, never the server.
          socket.destroy();
          return;
        }
      }
    });
    socket.on("end", () => {
      ended = true;
      if (inFlight === 0) socket.end();
    });
  });
  server.maxConnections = MAX_TCP_CONNECTIONS;
  return server;
}

import { isIPv6, type Socket } from "node:net";

type Dns2 = typeof import("dns2");
export type DnsPacket = InstanceType<Dns2["Packet"]>;

/** Answers one query; `send` is absent-minded about errors (the client may be gone). */
export type DnsHandler = (request: DnsPacket, send: (p: DnsPacket) => unknown, transport: "udp" | "tcp") => void;

export interface DnsListener {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * dns2 UDP and TCP servers on one port number: UDP is bound first, then TCP on the same number
 * with an explicit host, so a client's TC=1 -> TCP fallback (which reuses the UDP port) reaches
 * this server (reference/tech.md section 2). With port 0, a UDP port whose TCP twin is taken is
 * given up and another tried.
 */
export async function listenUdpAndTcp(dns2: Dns2, host: string, port: number | undefined, handle: DnsHandler): Promise<DnsListener> {
  for (let attempt = 0; ; attempt++) {
    const udp = new dns2.UDPServer({ type: isIPv6(host) ? "udp6" : "udp4" } as never);
    const tcp = new dns2.TCPServer();
    udp.on("request", ((req: DnsPacket, send: (p: DnsPacket) => unknown) => handle(req, send, "udp")) as never);
    tcp.on("request", ((req: DnsPacket, send: (p: DnsPacket) => unknown) => handle(req, send, "tcp")) as never);
    const sockets = new Set<Socket>();
    tcp.on("connection", (s: Socket) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
    udp.on("error", () => undefined);
    tcp.on("error", () => undefined);
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
        await Promise.all([new Promise<void>((r) => udp.close(() => r())), new Promise<void>((r) => tcp.close(() => r()))]);
      },
    };
  }
}

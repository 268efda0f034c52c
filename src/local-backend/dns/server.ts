import type { Db } from "../store/database.js";
import { splitCharacterStrings } from "../route53/record-values.js";
import { ZoneReader } from "../route53/zone-store.js";
import { advertiseService, withdrawService } from "../network-services.js";
import { listenUdpAndTcp, type DnsHandler } from "./listen.js";
import { answerQuestion, DEFAULT_SERVICE_NAMES, RCODE, type AnswerRecord, type ServiceNames } from "./answer.js";

export interface DnsServerOptions {
  /** The simulator's store (LocalBackend.db): the server answers from its hosted zones, live. */
  readonly db: Db;
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Port for both UDP and TCP (default 0: an ephemeral port, the same number for both). */
  readonly port?: number;
  /** Where the simulated AWS host names point (AutoDiscover, ActiveSync); default 127.0.0.1. */
  readonly serviceNames?: ServiceNames;
  /**
   * Record the endpoint in the store so that wmctl commands on the local backend (`domain verify`,
   * `autodiscover check`) query this server (default true; false for a throwaway server).
   */
  readonly advertise?: boolean;
  /** Answer every question this much later (simulates a distant server; default 0). */
  readonly latencyMs?: number;
  /** Called once per question answered (for a --debug log). */
  readonly onQuery?: (q: {
    name: string;
    type: string;
    rcode: number;
    answers: number;
    transport: "udp" | "tcp";
  }) => void;
}

export interface RunningDnsServer {
  readonly host: string;
  /** The UDP and TCP port (one number: `dig @host -p port` works, with and without +tcp). */
  readonly port: number;
  close(): Promise<void>;
}

type Dns2 = typeof import("dns2");

/**
 * An authoritative DNS server for the simulator's hosted zones (dns2), on UDP and TCP on the same
 * port. Works around dns2 3.0.0's known problems (reference/tech.md section 2): TXT values are sent
 * as character-strings of at most 255 bytes; UDP is bound first and TCP on the same port number,
 * so the TC=1 -> TCP fallback of every client lands on this server; TCP gets an explicit host.
 */
export async function startDnsServer(options: DnsServerOptions): Promise<RunningDnsServer> {
  const dns2 = (await import("dns2")).default as unknown as Dns2;
  const host = options.host ?? "127.0.0.1";
  const reader = new ZoneReader(options.db);
  const names = options.serviceNames ?? DEFAULT_SERVICE_NAMES;
  const typeNames = new Map<number, string>(Object.entries(dns2.Packet.TYPE).map(([k, v]) => [v as number, k]));

  const handle: DnsHandler = (request, send, transport) => {
    const response = dns2.Packet.createResponseFromRequest(request);
    try {
      const question = request.questions[0];
      if (question === undefined) {
        response.header.rcode = 1; // FORMERR
      } else {
        const type = typeNames.get(question.type) ?? `TYPE${question.type}`;
        const set = answerQuestion(reader, question.name, type, names);
        response.header.rcode = set.rcode;
        response.header.aa = set.authoritative ? 1 : 0;
        response.answers.push(...set.answers.map((r) => toResource(dns2, r) as never));
        response.authorities.push(...set.authorities.map((r) => toResource(dns2, r) as never));
        options.onQuery?.({ name: question.name, type, rcode: set.rcode, answers: set.answers.length, transport });
      }
    } catch {
      response.answers = [];
      response.authorities = [];
      response.header.rcode = RCODE.SERVFAIL;
    }
    const reply = () => void Promise.resolve(send(response)).catch(() => undefined);
    if ((options.latencyMs ?? 0) > 0) setTimeout(reply, options.latencyMs);
    else reply();
  };

  const listener = await listenUdpAndTcp(dns2, host, options.port, handle);
  const port = listener.port;
  if (options.advertise !== false) advertiseService(options.db, "dns", { host, port });
  let closed = false;
  return {
    host,
    port,
    async close() {
      if (closed) return;
      closed = true;
      if (options.advertise !== false) withdrawService(options.db, "dns", { host, port });
      await listener.close();
    },
  };
}

function toResource(dns2: Dns2, r: AnswerRecord): Record<string, unknown> {
  const base = { name: r.name, ttl: r.ttl, class: dns2.Packet.CLASS.IN };
  const d = r.data;
  switch (d.type) {
    case "A":
    case "AAAA":
      return { ...base, type: dns2.Packet.TYPE[d.type], address: d.address };
    case "CNAME":
    case "PTR":
      return { ...base, type: dns2.Packet.TYPE[d.type], domain: d.target };
    case "NS":
      return { ...base, type: dns2.Packet.TYPE.NS, ns: d.target };
    case "MX":
      return { ...base, type: dns2.Packet.TYPE.MX, priority: d.preference, exchange: d.exchange };
    case "TXT":
    case "SPF":
      // dns2 writes the length octet as `len & 0xff`: never hand it a string over 255 bytes.
      return { ...base, type: dns2.Packet.TYPE[d.type], data: d.strings.flatMap((s) => splitCharacterStrings(s)) };
    case "SRV":
      return {
        ...base,
        type: dns2.Packet.TYPE.SRV,
        priority: d.priority,
        weight: d.weight,
        port: d.port,
        target: d.target,
      };
    case "CAA":
      return { ...base, type: dns2.Packet.TYPE.CAA, flags: d.flags, tag: d.tag, value: d.value };
    case "SOA":
      return {
        ...base,
        type: dns2.Packet.TYPE.SOA,
        primary: d.primary,
        admin: d.admin,
        serial: d.serial,
        refresh: d.refresh,
        retry: d.retry,
        expiration: d.expiration,
        minimum: d.minimum,
      };
  }
}

import dns2 from "dns2";
import { listenUdpAndTcp } from "../../src/local-backend/dns/listen.js";

/**
 * A small authoritative DNS server for tests (dns2, UDP and TCP on one loopback port), independent
 * of the simulator's own server, with knobs for the failure modes the doctor must handle.
 */
export type TestRecord =
  | { name: string; type: "TXT"; value: string | string[]; ttl?: number }
  | { name: string; type: "MX"; value: { preference: number; exchange: string }; ttl?: number }
  | { name: string; type: "CNAME" | "NS" | "A" | "AAAA"; value: string; ttl?: number }
  | {
      name: string;
      type: "SRV";
      value: { priority: number; weight: number; port: number; target: string };
      ttl?: number;
    };

export interface TestDnsOptions {
  readonly records: readonly TestRecord[];
  /** Names this server is authoritative for (default: the shortest names among the records). */
  readonly zones?: readonly string[];
  /** Never answer, over UDP or TCP. */
  readonly silent?: boolean;
  /** Answer every UDP question with an empty TC=1 response, so clients must retry over TCP. */
  readonly truncateUdp?: boolean;
  /** Answer without the AA flag (a lame delegation). */
  readonly notAuthoritative?: boolean;
  readonly host?: string;
  /** Bind this port (both transports) instead of an ephemeral one. */
  readonly port?: number;
}

export interface TestDnsServer {
  readonly host: string;
  readonly port: number;
  /** `host:port`, as --resolver takes it. */
  readonly address: string;
  readonly queries: Array<{ name: string; type: string; transport: "udp" | "tcp" }>;
  close(): Promise<void>;
}

const TYPE = dns2.Packet.TYPE as unknown as Record<string, number>;
const TYPE_NAME = new Map(Object.entries(TYPE).map(([k, v]) => [v, k]));

export async function startTestDnsServer(options: TestDnsOptions): Promise<TestDnsServer> {
  const host = options.host ?? "127.0.0.1";
  const lower = (n: string) => n.toLowerCase().replace(/\.$/, "");
  const records = options.records.map((r) => ({ ...r, name: lower(r.name) }));
  const zones = (
    options.zones ??
    [...new Set(records.map((r) => r.name))].filter((n, _i, all) => !all.some((o) => o !== n && n.endsWith(`.${o}`)))
  ).map(lower);
  const queries: TestDnsServer["queries"] = [];

  const answer = (request: InstanceType<typeof dns2.Packet>, transport: "udp" | "tcp") => {
    const response = dns2.Packet.createResponseFromRequest(request);
    const q = request.questions[0];
    if (q === undefined) return response;
    const name = lower(q.name);
    const type = TYPE_NAME.get(q.type) ?? String(q.type);
    queries.push({ name, type, transport });
    if (!zones.some((z) => name === z || name.endsWith(`.${z}`))) {
      response.header.rcode = 5;
      return response;
    }
    response.header.aa = options.notAuthoritative ? 0 : 1;
    const here = records.filter((r) => r.name === name);
    if (here.length === 0) {
      response.header.rcode = records.some((r) => r.name.endsWith(`.${name}`)) || zones.includes(name) ? 0 : 3;
      return response;
    }
    const cname = here.find((r) => r.type === "CNAME");
    const matching = cname !== undefined && type !== "CNAME" ? [cname] : here.filter((r) => r.type === type);
    for (const r of matching) {
      const base = { name: q.name, type: TYPE[r.type], class: dns2.Packet.CLASS.IN, ttl: r.ttl ?? 300 };
      switch (r.type) {
        case "TXT":
          response.answers.push({ ...base, data: Array.isArray(r.value) ? r.value : [r.value] } as never);
          break;
        case "MX":
          response.answers.push({ ...base, priority: r.value.preference, exchange: r.value.exchange } as never);
          break;
        case "CNAME":
          response.answers.push({ ...base, domain: r.value } as never);
          break;
        case "NS":
          response.answers.push({ ...base, ns: r.value } as never);
          break;
        case "SRV":
          response.answers.push({ ...base, ...r.value } as never);
          break;
        default:
          response.answers.push({ ...base, address: r.value } as never);
      }
    }
    if (transport === "udp" && options.truncateUdp) {
      response.answers = [];
      response.header.tc = 1;
    }
    return response;
  };

  const listener = await listenUdpAndTcp(dns2 as never, host, options.port, (req, send, transport) => {
    const response = answer(req, transport);
    if (!options.silent) send(response);
  });
  return {
    host,
    port: listener.port,
    address: `${host}:${listener.port}`,
    queries,
    close: () => listener.close(),
  };
}

/** The records WorkMail asks for, as GetMailDomain returns them, with fixed tokens. */
export function workmailRecords(domain: string, region = "us-east-1") {
  const tokens = [
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    "cccccccccccccccccccccccccccccccc",
  ];
  return {
    token: "fmxqxT/ic0Yx4aA/bEUrDPMeax9/s3frblS+niixmqk=",
    dkimTokens: tokens,
    records: [
      { Type: "TXT", Hostname: `_amazonses.${domain}`, Value: "fmxqxT/ic0Yx4aA/bEUrDPMeax9/s3frblS+niixmqk=" },
      { Type: "MX", Hostname: domain, Value: `10 inbound-smtp.${region}.amazonaws.com` },
      { Type: "CNAME", Hostname: `autodiscover.${domain}`, Value: `autodiscover.mail.${region}.awsapps.com` },
      ...tokens.map((t) => ({
        Type: "CNAME",
        Hostname: `${t}._domainkey.${domain}`,
        Value: `${t}.dkim.amazonses.com`,
      })),
      { Type: "TXT", Hostname: domain, Value: "v=spf1 include:amazonses.com ~all" },
      { Type: "TXT", Hostname: `_dmarc.${domain}`, Value: "v=DMARC1;p=quarantine;pct=100;fo=1" },
    ],
  };
}

/** A zone that publishes everything WorkMail asked for (plus amazonses.com's SPF, for include expansion). */
export function goodZone(domain: string, region = "us-east-1"): TestRecord[] {
  const w = workmailRecords(domain, region);
  return [
    { name: `_amazonses.${domain}`, type: "TXT", value: w.token, ttl: 1800 },
    {
      name: domain,
      type: "MX",
      value: { preference: 10, exchange: `inbound-smtp.${region}.amazonaws.com` },
      ttl: 3600,
    },
    { name: `autodiscover.${domain}`, type: "CNAME", value: `autodiscover.mail.${region}.awsapps.com`, ttl: 3600 },
    ...w.dkimTokens.map(
      (t): TestRecord => ({ name: `${t}._domainkey.${domain}`, type: "CNAME", value: `${t}.dkim.amazonses.com` }),
    ),
    { name: domain, type: "TXT", value: "v=spf1 include:amazonses.com ~all" },
    { name: `_dmarc.${domain}`, type: "TXT", value: "v=DMARC1;p=quarantine;pct=100;fo=1" },
    { name: "amazonses.com", type: "TXT", value: "v=spf1 ip4:199.255.192.0/22 -all" },
  ];
}

import { isIP } from "node:net";

/**
 * The Resolver port of dns-verify: one DNS question to one server, answered with everything the
 * doctor reports (outcome, records, TTL, the AA flag, the server). A query never throws: network
 * trouble is an outcome (`timeout`, `refused` ...), because a check must never crash.
 */
export type RecordType = "A" | "AAAA" | "CNAME" | "MX" | "NS" | "TXT" | "SOA" | "SRV";

export type Outcome = "answer" | "nodata" | "nxdomain" | "refused" | "servfail" | "timeout" | "error";

export interface DnsServer {
  readonly host: string;
  readonly port: number;
}

export interface MxRecord {
  readonly preference: number;
  readonly exchange: string;
}

export interface SrvRecord {
  readonly priority: number;
  readonly weight: number;
  readonly port: number;
  readonly target: string;
}

export interface DnsAnswer {
  /** `host` or `host:port` when the port is not 53. */
  readonly server: string;
  /** The question, lower-case, without the trailing dot. */
  readonly name: string;
  readonly type: RecordType;
  readonly outcome: Outcome;
  /** The smallest TTL of the answer's records (undefined when there are none). */
  readonly ttl: number | undefined;
  /** The AA flag: the server is authoritative for the name. */
  readonly authoritative: boolean;
  readonly elapsedMs: number;
  /** TXT: each record's character-strings joined (RFC 7208 section 3.3), and as received. */
  readonly txt: readonly string[];
  readonly txtStrings: readonly (readonly string[])[];
  readonly mx: readonly MxRecord[];
  /** CNAME, NS and PTR targets; A and AAAA addresses (lower-case, no trailing dot). */
  readonly values: readonly string[];
  readonly srv: readonly SrvRecord[];
  /** CNAMEs met on the way when the question was not for a CNAME: [owner, target] pairs. */
  readonly aliases: readonly (readonly [string, string])[];
  /** The owner of the SOA in the authority section of a negative answer: the zone the name is in. */
  readonly soaZone?: string;
  /** True when the UDP answer was truncated (TC=1) and the query was repeated over TCP. */
  readonly viaTcp: boolean;
  readonly error?: string;
}

export interface Resolver {
  query(server: DnsServer, name: string, type: RecordType): Promise<DnsAnswer>;
}

export function serverLabel(s: DnsServer): string {
  if (s.port === 53) return s.host;
  return isIP(s.host) === 6 ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`;
}

/** `1.1.1.1`, `1.1.1.1:53`, `127.0.0.1:5353`, `::1`, `[::1]:5353` -> a server (IP addresses only). */
export function parseServer(spec: string): DnsServer {
  const s = spec.trim();
  let host = s;
  let port = 53;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (bracketed !== null) {
    host = bracketed[1] as string;
    if (bracketed[2] !== undefined) port = Number(bracketed[2]);
  } else if (isIP(s) === 0) {
    const m = /^([^:]+):(\d+)$/.exec(s);
    if (m === null)
      throw new RangeError(`"${spec}" is not a DNS server address (use an IP address, optionally with :port)`);
    host = m[1] as string;
    port = Number(m[2]);
  }
  if (isIP(host) === 0)
    throw new RangeError(`"${spec}" is not a DNS server address (use an IP address, optionally with :port)`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`"${spec}" has an invalid port`);
  return { host, port };
}

/** A lower-case name without the trailing dot. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

export function emptyAnswer(
  server: DnsServer,
  name: string,
  type: RecordType,
  outcome: Outcome,
  elapsedMs: number,
  error?: string,
): DnsAnswer {
  return {
    server: serverLabel(server),
    name: normalizeName(name),
    type,
    outcome,
    ttl: undefined,
    authoritative: false,
    elapsedMs,
    txt: [],
    txtStrings: [],
    mx: [],
    values: [],
    srv: [],
    aliases: [],
    viaTcp: false,
    ...(error === undefined ? {} : { error }),
  };
}

/** Whether an outcome says something about the record (as opposed to the server failing to answer). */
export function isDefinitive(outcome: Outcome): boolean {
  return outcome === "answer" || outcome === "nodata" || outcome === "nxdomain";
}

import type { Observation } from "./findings.js";
import {
  isDefinitive,
  normalizeName,
  serverLabel,
  type DnsAnswer,
  type DnsServer,
  type RecordType,
  type Resolver,
} from "./resolver.js";

export interface ServerRole {
  readonly server: DnsServer;
  /** `resolver` (a recursive server the admin named or the system uses) or `authoritative` (an NS of the domain). */
  readonly role: "resolver" | "authoritative";
  /** The NS host name, for authoritative servers. */
  readonly nsName?: string;
}

/**
 * The set of servers a run asks, with one cache for the whole run: every question goes to every
 * server at once, and asking the same question twice costs nothing.
 */
export class DnsView {
  private readonly cache = new Map<string, Promise<DnsAnswer[]>>();
  queries = 0;

  constructor(
    readonly resolver: Resolver,
    readonly servers: readonly ServerRole[],
  ) {}

  lookup(name: string, type: RecordType): Promise<DnsAnswer[]> {
    const key = `${normalizeName(name)}|${type}`;
    let hit = this.cache.get(key);
    if (hit === undefined) {
      this.queries += this.servers.length;
      hit = Promise.all(this.servers.map((s) => this.resolver.query(s.server, name, type)));
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** The first definitive answer in server order (for lookups where one answer is enough). */
  async first(name: string, type: RecordType): Promise<DnsAnswer | undefined> {
    const answers = await this.lookup(name, type);
    return answers.find((a) => isDefinitive(a.outcome)) ?? answers[0];
  }

  get labels(): string[] {
    return this.servers.map((s) => serverLabel(s.server));
  }
}

/** An answer as the report shows it: values in presentation form per record type. */
export function observe(answer: DnsAnswer): Observation {
  let values: string[];
  switch (answer.type) {
    case "TXT":
      values = [...answer.txt];
      break;
    case "MX":
      values = answer.mx.map((m) => `${m.preference} ${m.exchange}`);
      break;
    case "SRV":
      values = answer.srv.map((s) => `${s.priority} ${s.weight} ${s.port} ${s.target}`);
      break;
    default:
      values = [...answer.values];
  }
  return {
    server: answer.server,
    outcome: answer.outcome,
    values,
    ...(answer.ttl === undefined ? {} : { ttl: answer.ttl }),
    authoritative: answer.authoritative,
    ...(answer.viaTcp ? { viaTcp: true } : {}),
    ...(answer.error === undefined ? {} : { error: answer.error }),
  };
}

/** A short description of why a server gave no records: "NXDOMAIN", "no TXT record", "timeout". */
export function describeAbsence(a: DnsAnswer): string {
  switch (a.outcome) {
    case "nxdomain":
      return "NXDOMAIN (the name does not exist)";
    case "nodata":
      return a.aliases.length > 0
        ? `no ${a.type} record (the name is a CNAME to ${a.aliases[a.aliases.length - 1]?.[1] ?? "?"})`
        : `no ${a.type} record`;
    case "timeout":
      return "no answer (timeout)";
    case "refused":
      // A closed port (ECONNREFUSED) carries its error; a REFUSED answer does not.
      return a.error ?? "REFUSED (the server does not serve this name)";
    case "servfail":
      return "SERVFAIL";
    default:
      return a.error ?? a.outcome;
  }
}

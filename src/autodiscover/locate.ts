import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import {
  isDefinitive,
  normalizeName,
  type DnsServer,
  type RecordType,
  type Resolver,
  type SrvRecord,
} from "../dns-verify/resolver.js";

/**
 * locate: where a client would go, from DNS. With named resolvers the questions go over the wire
 * (the Resolver port of dns-verify); without, host addresses come from the operating system, as
 * Outlook and phones get them.
 */
export interface Locator {
  /** The addresses of a host, following CNAMEs; `via` lists the CNAMEs met. */
  address(host: string): Promise<{ addresses: string[]; via: string[]; error?: string }>;
  cname(name: string): Promise<{ targets: string[]; outcome: string }>;
  srv(name: string): Promise<{ records: SrvRecord[]; outcome: string }>;
}

export function createLocator(resolver: Resolver | undefined, servers: readonly DnsServer[]): Locator {
  if (resolver === undefined || servers.length === 0) return systemLocator();
  const ask = async (name: string, type: RecordType) => {
    const answers = await Promise.all(servers.map((s) => resolver.query(s, name, type)));
    return answers.find((a) => isDefinitive(a.outcome)) ?? answers[0];
  };
  return {
    async address(host) {
      if (isIP(host) !== 0) return { addresses: [host], via: [] };
      const via: string[] = [];
      let name = normalizeName(host);
      for (let hop = 0; hop < 8; hop++) {
        const a = await ask(name, "A");
        if (a === undefined) return { addresses: [], via, error: "no DNS server" };
        via.push(...a.aliases.map(([, target]) => target));
        if (a.values.length > 0) return { addresses: [...a.values], via };
        if (!isDefinitive(a.outcome))
          return { addresses: [], via, error: `${a.outcome}${a.error ? `: ${a.error}` : ""} at ${a.server}` };
        const next = a.aliases[a.aliases.length - 1]?.[1];
        if (next === undefined || next === name)
          return {
            addresses: [],
            via,
            error: a.outcome === "nxdomain" ? "NXDOMAIN (the name does not exist)" : "no address record",
          };
        name = next;
      }
      return { addresses: [], via, error: "too many CNAMEs" };
    },
    async cname(name) {
      const a = await ask(name, "CNAME");
      return { targets: a === undefined ? [] : [...a.values], outcome: a?.outcome ?? "error" };
    },
    async srv(name) {
      const a = await ask(name, "SRV");
      return { records: a === undefined ? [] : [...a.srv], outcome: a?.outcome ?? "error" };
    },
  };
}

function systemLocator(): Locator {
  const system = async (name: string, type: "CNAME" | "SRV") => {
    const { Resolver: NodeResolver } = await import("node:dns/promises");
    const r = new NodeResolver({ timeout: 3000, tries: 2 });
    try {
      return type === "CNAME"
        ? { values: await r.resolveCname(name), outcome: "answer" }
        : { srv: await r.resolveSrv(name), outcome: "answer" };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { outcome: code === "ENOTFOUND" ? "nxdomain" : code === "ENODATA" ? "nodata" : (code ?? "error") };
    }
  };
  return {
    async address(host) {
      if (isIP(host) !== 0) return { addresses: [host], via: [] };
      try {
        const all = await lookup(host, { all: true });
        return { addresses: all.map((a) => a.address), via: [] };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return {
          addresses: [],
          via: [],
          error: code === "ENOTFOUND" ? "NXDOMAIN (the name does not exist)" : (code ?? (e as Error).message),
        };
      }
    },
    async cname(name) {
      const r = await system(name, "CNAME");
      return { targets: ("values" in r ? (r.values ?? []) : []).map(normalizeName), outcome: r.outcome };
    },
    async srv(name) {
      const r = await system(name, "SRV");
      return {
        records: ("srv" in r ? (r.srv ?? []) : []).map((s) => ({
          priority: s.priority,
          weight: s.weight,
          port: s.port,
          target: normalizeName(s.name),
        })),
        outcome: r.outcome,
      };
    },
  };
}

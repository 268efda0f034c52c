import { getServers } from "node:dns";
import type { DnsView, ServerRole } from "./dns-view.js";
import { finding, type Finding } from "./findings.js";
import { isDefinitive, normalizeName, parseServer, type DnsServer } from "./resolver.js";

/** The machine's resolvers (from /etc/resolv.conf, as node:dns reads it). */
export function systemResolvers(): DnsServer[] {
  return getServers().map((s) => parseServer(s));
}

export interface AuthoritativeServers {
  /** The zone the domain lives in (its apex: where the NS records are). */
  readonly zone: string | undefined;
  readonly nameServers: readonly string[];
  readonly servers: readonly ServerRole[];
  readonly findings: readonly Finding[];
}

export const isLoopback = (ip: string) => ip.startsWith("127.") || ip === "::1";

/**
 * Finds the domain's authoritative name servers as the admin guide's procedure does (`nslookup
 * -type=NS`), through the resolvers: the NS records of the domain or of the closest enclosing zone
 * (a negative answer's SOA names it), then each name server's addresses. They are asked on `port`
 * when given, else name servers on loopback addresses on `loopbackPort` (a local test server's
 * port), others on 53.
 */
export async function findAuthoritativeServers(
  domain: string,
  via: DnsView,
  options: { port?: number; loopbackPort?: number } = {},
): Promise<AuthoritativeServers> {
  const findings: Finding[] = [];
  let candidate = normalizeName(domain);
  let zone: string | undefined;
  let nameServers: string[] = [];
  for (let i = 0; i < 10 && candidate.includes("."); i++) {
    const answer = await via.first(candidate, "NS");
    if (answer === undefined || !isDefinitive(answer.outcome)) {
      findings.push(
        finding(
          "NS_LOOKUP_FAILED",
          "error",
          `could not look up the NS records of ${candidate} (${answer?.outcome ?? "no resolver"}${answer?.error ? `: ${answer.error}` : ""})`,
        ),
      );
      break;
    }
    if (answer.outcome === "answer") {
      zone = candidate;
      nameServers = [...answer.values];
      break;
    }
    const next =
      answer.soaZone !== undefined && answer.soaZone !== candidate && candidate.endsWith(`.${answer.soaZone}`)
        ? answer.soaZone
        : candidate.slice(candidate.indexOf(".") + 1);
    candidate = next;
  }
  if (zone === undefined) {
    if (findings.length === 0)
      findings.push(
        finding(
          "NS_NOT_FOUND",
          "error",
          `found no name servers for ${domain}: is the domain registered and delegated?`,
        ),
      );
    return { zone, nameServers, servers: [], findings };
  }
  const seen = new Set<string>();
  const servers: ServerRole[] = [];
  const addresses = await Promise.all(nameServers.map(async (ns) => ({ ns, a: await via.first(ns, "A") })));
  for (const { ns, a } of addresses) {
    if (a === undefined || a.outcome !== "answer") {
      findings.push(
        finding("NS_UNRESOLVABLE", "warning", `the name server ${ns} has no address (${a?.outcome ?? "no answer"})`, {
          fix: "fix the delegation at the registrar",
        }),
      );
      continue;
    }
    for (const ip of a.values) {
      const port = options.port ?? (isLoopback(ip) && options.loopbackPort !== undefined ? options.loopbackPort : 53);
      const key = `${ip}:${port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      servers.push({ server: { host: ip, port }, role: "authoritative", nsName: ns });
    }
  }
  return { zone, nameServers, servers, findings };
}

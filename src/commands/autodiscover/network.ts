import { paginate } from "../../backend/paginate.js";
import type { CommandContext } from "../../context/context.js";
import type { DnsServer } from "../../dns-verify/resolver.js";

/** Where `autodiscover check` sends its questions and requests. */
export interface AutodiscoverNetwork {
  readonly resolvers: DnsServer[];
  readonly httpsPort?: number;
  readonly httpPort?: number;
  /** Why the simulator's wiring was left aside (a status line). */
  readonly note?: string;
}

/** What `environment()` found: the named resolvers or the simulator's DNS, and its AutoDiscover ports. */
interface Environment {
  readonly resolvers: DnsServer[];
  readonly httpsPort?: number;
  readonly httpPort?: number;
}

/**
 * The simulator's wiring (its DNS server, its AutoDiscover ports) applies only to a domain it hosts,
 * and never over explicit flags: with --resolver the hosts those servers name are asked on 443 and
 * 80 (or --https-port/--http-port, which the caller applies on top), as on the real network; a
 * domain the simulator does not host is checked on the real network (the system's resolver).
 */
export function chooseNetwork(domain: string, env: Environment, named: boolean, hosted: boolean): AutodiscoverNetwork {
  const wired = env.httpsPort !== undefined || env.httpPort !== undefined;
  if (!wired) return { resolvers: env.resolvers };
  if (named)
    return {
      resolvers: env.resolvers,
      note: "--resolver given: the hosts it names are asked on ports 443 and 80 (--https-port, --http-port), not the simulator's",
    };
  if (!hosted)
    return {
      resolvers: [],
      note: `${domain} is not a domain of the simulator: checking it on the real network (the system's resolver)`,
    };
  return {
    resolvers: env.resolvers,
    ...(env.httpsPort === undefined ? {} : { httpsPort: env.httpsPort }),
    ...(env.httpPort === undefined ? {} : { httpPort: env.httpPort }),
  };
}

/**
 * True when the simulator answers for `domain`: its DNS server is authoritative for it (a hosted
 * zone: anything but REFUSED), or it is a mail domain of one of its organizations.
 */
export async function simulatorHosts(
  ctx: CommandContext,
  domain: string,
  dns: DnsServer | undefined,
): Promise<boolean> {
  if (dns !== undefined) {
    const { WireResolver } = await import("../../dns-verify/wire-resolver.js");
    const soa = await new WireResolver({ timeoutMs: 2000, tries: 1 }).query(dns, domain, "SOA");
    if (soa.outcome !== "refused" && soa.outcome !== "timeout" && soa.outcome !== "error") return true;
  }
  const api = await ctx.backend();
  for await (const org of paginate((t) => api.listOrganizations({ NextToken: t }), "OrganizationSummaries")) {
    if (org.OrganizationId === undefined || org.State === "Deleted") continue;
    try {
      for await (const d of paginate(
        (t) => api.listMailDomains({ OrganizationId: org.OrganizationId as string, NextToken: t }),
        "MailDomains",
      )) {
        if (d.DomainName?.toLowerCase() === domain) return true;
      }
    } catch {
      // An organization being created or deleted has no domains to offer.
    }
  }
  return false;
}

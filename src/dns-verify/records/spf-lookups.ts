import type { DnsView } from "../dns-view.js";
import { isDefinitive, type DnsAnswer } from "../resolver.js";
import { isSpfRecord, LOOKUP_TERMS, parseSpf, type SpfProblem, type SpfTerm } from "./spf-parse.js";

/** RFC 7208 section 4.6.4: at most 10 terms that cause DNS lookups, and at most 2 void lookups. */
export const MAX_DNS_LOOKUPS = 10;
export const MAX_VOID_LOOKUPS = 2;
/** An `mx` mechanism whose domain has more MX hosts than this is a permanent error (section 4.6.4). */
const MAX_MX_HOSTS = 10;

export interface LookupNode {
  /** The term as written: `include:_spf.example.com`, `mx`, `redirect=...`. */
  readonly term: string;
  /** The domain the term looks up (undefined for macros that cannot be expanded). */
  readonly domain: string | undefined;
  /** The lookups this term costs, its own included (nested includes add theirs). */
  readonly lookups: number;
  /** The lookup found nothing (NXDOMAIN or no records): it counts towards the void limit. */
  readonly void: boolean;
  /** The included or redirected record, when there is one. */
  readonly record?: string;
  readonly children: readonly LookupNode[];
}

export interface SpfExpansion {
  readonly lookups: number;
  readonly voidLookups: number;
  readonly tree: readonly LookupNode[];
  /** Every domain reached through include: and redirect=. */
  readonly includes: readonly string[];
  readonly problems: readonly SpfProblem[];
}

const isVoid = (a: DnsAnswer | undefined) => a !== undefined && (a.outcome === "nxdomain" || a.outcome === "nodata");

/**
 * Expands an SPF record's lookup terms as a receiver would, all terms of a level at once, to count
 * DNS lookups and void lookups against RFC 7208's limits. Nested records come from `dns` (normally
 * the resolvers: an authoritative server of the domain does not answer for amazonses.com).
 */
export async function expandSpf(domain: string, record: string, dns: DnsView, maxDepth = 10): Promise<SpfExpansion> {
  const problems: SpfProblem[] = [];
  const includes = new Set<string>();
  let budget = 40; // stop expanding runaway trees; the count is already far over the limit by then

  const expandTerm = async (
    term: SpfTerm,
    self: string,
    chain: readonly string[],
    depth: number,
  ): Promise<LookupNode | undefined> => {
    const name = term.name;
    if (!LOOKUP_TERMS.has(name)) return undefined;
    const target = (term.value ?? self).toLowerCase();
    const node = (extra: Partial<LookupNode> = {}): LookupNode => ({
      term: term.raw,
      domain: target,
      lookups: 1,
      void: false,
      children: [],
      ...extra,
    });
    if (target.includes("%") || name === "ptr") return node({ domain: target.includes("%") ? undefined : target });
    if (--budget < 0) return node();
    if (name === "include" || name === "redirect") {
      includes.add(target);
      if (chain.includes(target)) {
        problems.push({
          code: "SPF_INCLUDE_LOOP",
          severity: "error",
          message: `${[...chain, target].join(" -> ")} loops back to ${target}`,
          term: term.raw,
        });
        return node();
      }
      const answer = await dns.first(target, "TXT");
      if (answer === undefined || !isDefinitive(answer.outcome)) {
        problems.push({
          code: "SPF_INCLUDE_UNRESOLVED",
          severity: "warning",
          message: `could not look up ${target} (${answer?.outcome ?? "no server"}${answer?.error ? `: ${answer.error}` : ""}); its lookups are not counted`,
          term: term.raw,
        });
        return node();
      }
      const spf = answer.txt.filter(isSpfRecord);
      if (spf.length !== 1) {
        problems.push({
          code: "SPF_INCLUDE_NO_SPF",
          severity: "error",
          message:
            spf.length === 0
              ? `${target} (from \`${term.raw}\`) has no SPF record: receivers treat this as a permanent error`
              : `${target} has ${spf.length} SPF records`,
          term: term.raw,
        });
        return node({ void: isVoid(answer) });
      }
      const nested = parseSpf(spf[0] as string);
      if (depth >= maxDepth) return node({ record: nested.raw });
      const children = await expandTerms(nested.terms, target, [...chain, target], depth + 1, nested.all !== undefined);
      return node({ record: nested.raw, children, lookups: 1 + children.reduce((n, c) => n + c.lookups, 0) });
    }
    if (name === "a") {
      const [a4, a6] = await Promise.all([dns.first(target, "A"), dns.first(target, "AAAA")]);
      return node({ void: isVoid(a4) && isVoid(a6) });
    }
    if (name === "mx") {
      const mx = await dns.first(target, "MX");
      if (mx !== undefined && mx.mx.length > MAX_MX_HOSTS) {
        problems.push({
          code: "SPF_MX_TOO_MANY",
          severity: "error",
          message: `\`${term.raw}\`: ${target} has ${mx.mx.length} MX hosts; more than ${MAX_MX_HOSTS} is a permanent error`,
          term: term.raw,
        });
      }
      return node({ void: isVoid(mx) });
    }
    // exists
    return node({ void: isVoid(await dns.first(target, "A")) });
  };

  const expandTerms = async (
    terms: readonly SpfTerm[],
    self: string,
    chain: readonly string[],
    depth: number,
    hasAll: boolean,
  ): Promise<LookupNode[]> => {
    // redirect= applies only when there is no `all` (RFC 7208 section 6.1).
    const relevant = terms.filter((t) => !(t.kind === "modifier" && (t.name !== "redirect" || hasAll)));
    const nodes = await Promise.all(relevant.map((t) => expandTerm(t, self, chain, depth)));
    return nodes.filter((n): n is LookupNode => n !== undefined);
  };

  const top = parseSpf(record);
  const self = domain.toLowerCase();
  const tree = await expandTerms(top.terms, self, [self], 1, top.all !== undefined);
  const count = (nodes: readonly LookupNode[]): { lookups: number; voids: number } =>
    nodes.reduce(
      (acc, n) => {
        const c = count(n.children);
        return { lookups: acc.lookups + 1 + c.lookups, voids: acc.voids + (n.void ? 1 : 0) + c.voids };
      },
      { lookups: 0, voids: 0 },
    );
  const { lookups, voids } = count(tree);
  return { lookups, voidLookups: voids, tree, includes: [...includes], problems };
}

import { parseServer, type DnsServer } from "../../dns-verify/resolver.js";
import { WireResolver } from "../../dns-verify/wire-resolver.js";
import { answerQuestion } from "../dns/answer.js";
import { ZoneReader } from "../route53/zone-store.js";
import type { Db } from "../store/database.js";
import { getMeta, setMeta } from "../store/meta.js";
import type { DomainTokens } from "./domain-records.js";

/**
 * How the simulator verifies a domain: it really resolves the `_amazonses` TXT record and the three
 * DKIM CNAMEs. Where it asks is the store's setting `dns.verificationResolvers`:
 * - unset or empty (the default): the simulator's own hosted zones, read directly, no network.
 *   `domain apply` on the local backend writes there, so the offline flow verifies by itself;
 * - a list of servers (`1.1.1.1`, `127.0.0.1:5353`): real DNS queries to them, so a domain whose
 *   records are published on the internet (or on another test server) verifies as it would at AWS.
 */
export const VERIFICATION_RESOLVERS_KEY = "dns.verificationResolvers";

export function verificationResolvers(db: Db): string[] {
  return getMeta<string[]>(db, VERIFICATION_RESOLVERS_KEY) ?? [];
}

export function setVerificationResolvers(db: Db, servers: readonly string[]): string[] {
  const parsed = servers.map((s) => parseServer(s)).map((s) => (s.port === 53 ? s.host : `${s.host}:${s.port}`));
  setMeta(db, VERIFICATION_RESOLVERS_KEY, parsed);
  return parsed;
}

export interface RecordProbe {
  /** The TXT records at a name (character-strings joined); empty when there are none. */
  txt(name: string): Promise<string[]>;
  /** The CNAME targets at a name (lower-case, no trailing dot). */
  cname(name: string): Promise<string[]>;
}

export function networkProbe(servers: readonly string[], timeoutMs = 2000): RecordProbe {
  const resolver = new WireResolver({ timeoutMs, tries: 2 });
  const targets: DnsServer[] = servers.map((s) => parseServer(s));
  // A record counts when any configured server has it (SES checks from several places, too).
  const all = async (name: string, type: "TXT" | "CNAME") =>
    Promise.all(targets.map((s) => resolver.query(s, name, type)));
  return {
    async txt(name) {
      return (await all(name, "TXT")).flatMap((a) => a.txt);
    },
    async cname(name) {
      return (await all(name, "CNAME")).flatMap((a) => a.values);
    },
  };
}

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, "$1");

/** Every name whose records decide a domain's statuses. */
function namesOf(domain: string, tokens: DomainTokens) {
  return { ownership: [`_amazonses.${domain}`, domain], dkim: tokens.dkim.map((t) => `${t}._domainkey.${domain}`) };
}

/**
 * Decides as SES does: the token in a TXT record at `_amazonses.<domain>` (or at the domain
 * itself, for DNS hosts that refuse underscores; the guide allows both), and all three DKIM CNAMEs
 * pointing at `<token>.dkim.amazonses.com`.
 */
function evaluate(
  tokens: DomainTokens,
  ownershipTxt: string[],
  dkimTargets: string[][],
): { ownership: boolean; dkim: boolean } {
  const ownership = ownershipTxt.some((v) => unquote(v) === tokens.ownership);
  const dkim = tokens.dkim.every((t, i) =>
    (dkimTargets[i] ?? []).some((target) => target.replace(/\.$/, "") === `${t}.dkim.amazonses.com`),
  );
  return { ownership, dkim };
}

export async function probeDomain(
  probe: RecordProbe,
  domain: string,
  tokens: DomainTokens,
): Promise<{ ownership: boolean; dkim: boolean }> {
  const names = namesOf(domain, tokens);
  const [txt, dkim] = await Promise.all([
    Promise.all(names.ownership.map((n) => probe.txt(n))),
    Promise.all(names.dkim.map((n) => probe.cname(n))),
  ]);
  return evaluate(tokens, txt.flat(), dkim);
}

/** The same decision against the simulator's own zones, synchronously (inside a transaction). */
export function probeOwnZones(db: Db, domain: string, tokens: DomainTokens): { ownership: boolean; dkim: boolean } {
  const reader = new ZoneReader(db);
  const names = namesOf(domain, tokens);
  const txt = names.ownership.flatMap((n) =>
    answerQuestion(reader, n, "TXT").answers.flatMap((r) => (r.data.type === "TXT" ? [r.data.strings.join("")] : [])),
  );
  const dkim = names.dkim.map((n) =>
    answerQuestion(reader, n, "CNAME").answers.flatMap((r) => (r.data.type === "CNAME" ? [r.data.target] : [])),
  );
  return evaluate(tokens, txt, dkim);
}

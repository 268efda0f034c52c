import type { TargetProfile } from "./target-profile.js";
import { normalizeName } from "./resolver.js";

/** A record as GetMailDomain returns it (`Records[]`). */
export interface DomainRecord {
  readonly Type?: string | undefined;
  readonly Hostname?: string | undefined;
  readonly Value?: string | undefined;
}

export interface Expected {
  readonly name: string;
  readonly value: string;
  /** Any value matching this is right too (a target's DKIM host when the tenant is not known). */
  readonly pattern?: RegExp;
}

interface MxExpected {
  readonly name: string;
  readonly preference: number;
  readonly exchange: string;
}

/** What WorkMail asked for, sorted by record kind (aesthetics.md 6.7: expected-records). */
export interface Expectations {
  readonly domain: string;
  /** The region, read from the MX or AutoDiscover target. */
  readonly region: string | undefined;
  readonly ownership: Expected | undefined;
  readonly mx: MxExpected | undefined;
  readonly autodiscover: Expected | undefined;
  readonly dkim: readonly Expected[];
  readonly spf: Expected | undefined;
  readonly dmarc: Expected | undefined;
  /** Anything else the service asked for, checked by exact value. */
  readonly other: ReadonlyArray<Expected & { type: string }>;
  /** Set when the records are a target provider's (provider-profiles.ts), not WorkMail's. */
  readonly target?: TargetProfile;
}

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/s, "$1");

export type RecordKind = "ownership" | "mx" | "autodiscover" | "dkim" | "spf" | "dmarc" | "other";

/**
 * What a record WorkMail asks for is for, from its type and name (and for SPF its value): the one
 * place that knows `_amazonses.<domain>` is the ownership token, `<token>._domainkey.<domain>` a
 * DKIM key, and so on. `name` lower-case without the trailing dot; `value` quoted or not.
 */
export function recordKind(domain: string, type: string, name: string, value: string): RecordKind {
  const d = normalizeName(domain);
  if (type === "TXT" && name === `_amazonses.${d}`) return "ownership";
  if (type === "MX" && name === d) return "mx";
  if (type === "CNAME" && name === `autodiscover.${d}`) return "autodiscover";
  if (type === "CNAME" && name.endsWith(`._domainkey.${d}`)) return "dkim";
  if (type === "TXT" && name === d && /^v=spf1(\s|$)/i.test(unquote(value))) return "spf";
  if (type === "TXT" && name === `_dmarc.${d}`) return "dmarc";
  return "other";
}

export function expectationsFrom(domain: string, records: readonly DomainRecord[]): Expectations {
  const d = normalizeName(domain);
  let ownership: Expected | undefined;
  let mx: MxExpected | undefined;
  let autodiscover: Expected | undefined;
  let spf: Expected | undefined;
  let dmarc: Expected | undefined;
  const dkim: Expected[] = [];
  const other: Array<Expected & { type: string }> = [];
  for (const r of records) {
    const type = (r.Type ?? "").toUpperCase();
    const name = normalizeName(r.Hostname ?? "");
    const value = unquote(r.Value ?? "");
    switch (recordKind(d, type, name, value)) {
      case "ownership":
        ownership = { name, value };
        break;
      case "mx": {
        const m = /^(\d+)\s+(\S+)$/.exec(value);
        mx = { name, preference: m ? Number(m[1]) : 10, exchange: normalizeName(m ? (m[2] as string) : value) };
        break;
      }
      case "autodiscover":
        autodiscover = { name, value: normalizeName(value) };
        break;
      case "dkim":
        dkim.push({ name, value: normalizeName(value) });
        break;
      case "spf":
        spf = { name, value };
        break;
      case "dmarc":
        dmarc = { name, value };
        break;
      case "other":
        other.push({ name, value, type });
    }
  }
  const regionOf = (s: string | undefined) =>
    s === undefined
      ? undefined
      : /(?:inbound-smtp|autodiscover\.mail)\.([a-z0-9-]+)\.(?:amazonaws|awsapps)\.com$/.exec(s)?.[1];
  return {
    domain: d,
    region: regionOf(mx?.exchange) ?? regionOf(autodiscover?.value),
    ownership,
    mx,
    autodiscover,
    dkim,
    spf,
    dmarc,
    other,
  };
}

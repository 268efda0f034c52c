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
}

export interface MxExpected {
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
}

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/s, "$1");

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
    if (type === "TXT" && name === `_amazonses.${d}`) ownership = { name, value };
    else if (type === "MX" && name === d) {
      const m = /^(\d+)\s+(\S+)$/.exec(value);
      mx = { name, preference: m ? Number(m[1]) : 10, exchange: normalizeName(m ? (m[2] as string) : value) };
    } else if (type === "CNAME" && name === `autodiscover.${d}`) autodiscover = { name, value: normalizeName(value) };
    else if (type === "CNAME" && name.endsWith(`._domainkey.${d}`)) dkim.push({ name, value: normalizeName(value) });
    else if (type === "TXT" && name === d && /^v=spf1(\s|$)/i.test(value)) spf = { name, value };
    else if (type === "TXT" && name === `_dmarc.${d}`) dmarc = { name, value };
    else other.push({ name, value, type });
  }
  const regionOf = (s: string | undefined) => (s === undefined ? undefined : /(?:inbound-smtp|autodiscover\.mail)\.([a-z0-9-]+)\.(?:amazonaws|awsapps)\.com$/.exec(s)?.[1]);
  return { domain: d, region: regionOf(mx?.exchange) ?? regionOf(autodiscover?.value), ownership, mx, autodiscover, dkim, spf, dmarc, other };
}

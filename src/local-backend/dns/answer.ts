import type { AliasTarget } from "@aws-sdk/client-route-53";
import { parseRecordValue, type RecordData } from "../route53/record-values.js";
import { recordValues, type RecordSetRow, type ZoneReader } from "../route53/zone-store.js";

/** One resource record of an answer; names without the trailing dot, lower-case. */
export interface AnswerRecord {
  readonly name: string;
  readonly ttl: number;
  readonly data: RecordData;
}

export const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;

export interface AnswerSet {
  readonly rcode: number;
  readonly authoritative: boolean;
  readonly answers: AnswerRecord[];
  /** The zone's SOA on NXDOMAIN and NODATA answers (negative caching, RFC 2308). */
  readonly authorities: AnswerRecord[];
}

/**
 * Names the simulated AWS side answers for, so the whole domain flow runs offline: the regional
 * AutoDiscover, ActiveSync and EWS hosts point at the simulator's AutoDiscover server, names under
 * `localhost.` at loopback (the local zones' name servers live there), and amazonses.com carries an
 * SPF record so `include:amazonses.com` can be expanded.
 */
export interface ServiceNames {
  /** The address the simulator's HTTP services listen on (default 127.0.0.1). */
  readonly address: string;
  readonly regions: readonly string[];
}

export const DEFAULT_SERVICE_NAMES: ServiceNames = {
  address: "127.0.0.1",
  regions: ["us-east-1", "us-west-2", "eu-west-1"],
};

/** A stand-in for amazonses.com's SPF record (a list of SES sending ranges, no further lookups). */
const AMAZONSES_SPF =
  "v=spf1 ip4:199.255.192.0/22 ip4:199.127.232.0/22 ip4:54.240.0.0/18 ip4:69.169.224.0/20 ip4:23.249.208.0/20 ip4:23.251.224.0/19 ip4:76.223.176.0/20 ip4:54.240.64.0/19 ip4:54.240.96.0/19 -all";

const SERVICE_HOSTS = ["autodiscover.mail", "autodiscover-service.mail", "mobile.mail", "ews.mail"];

function serviceAnswer(name: string, type: string, names: ServiceNames): AnswerSet | undefined {
  const a = (n: string): AnswerSet => ({
    rcode: RCODE.NOERROR,
    authoritative: true,
    answers: type === "A" || type === "ANY" ? [{ name: n, ttl: 60, data: { type: "A", address: names.address } }] : [],
    authorities: [],
  });
  if (name === "localhost" || name.endsWith(".localhost")) return a(name);
  for (const region of names.regions) {
    if (SERVICE_HOSTS.some((h) => name === `${h}.${region}.awsapps.com`)) return a(name);
  }
  if (name === "amazonses.com") {
    const answers: AnswerRecord[] =
      type === "TXT" || type === "ANY" ? [{ name, ttl: 300, data: { type: "TXT", strings: [AMAZONSES_SPF] } }] : [];
    return { rcode: RCODE.NOERROR, authoritative: true, answers, authorities: [] };
  }
  return undefined;
}

function recordsOf(row: RecordSetRow): AnswerRecord[] {
  const name = row.name.replace(/\.$/, "");
  const out: AnswerRecord[] = [];
  for (const v of recordValues(row)) {
    const data = parseRecordValue(row.type, v);
    if (!("problem" in data)) out.push({ name, ttl: row.ttl ?? 300, data });
  }
  return out;
}

function soaOf(reader: ZoneReader, zoneId: string, zoneName: string): AnswerRecord[] {
  const row = reader.soaOf(zoneId, zoneName);
  if (row === undefined) return [];
  const soa = recordsOf(row);
  // Negative answers are cached for the SOA's minimum (RFC 2308 section 5).
  return soa.map((r) => (r.data.type === "SOA" ? { ...r, ttl: Math.min(r.ttl, r.data.minimum) } : r));
}

/**
 * What an authoritative server for the local zones answers to one question. Names outside every
 * zone (and outside the simulated service names) are REFUSED, as an authoritative-only server
 * does. CNAMEs are followed inside the local zones; wildcards (`*.example.com`) are expanded.
 */
export function answerQuestion(
  reader: ZoneReader,
  qname: string,
  qtype: string,
  names: ServiceNames = DEFAULT_SERVICE_NAMES,
): AnswerSet {
  const answers: AnswerRecord[] = [];
  let name = qname.toLowerCase().replace(/\.$/, "");
  for (let hop = 0; hop < 8; hop++) {
    const zone = reader.zoneFor(`${name}.`);
    if (zone === undefined) {
      const service = serviceAnswer(name, qtype, names);
      if (service !== undefined) return hop === 0 ? service : { ...service, answers: [...answers, ...service.answers] };
      // A CNAME leading out of the local zones: the answer so far is the chain.
      return hop === 0
        ? { rcode: RCODE.REFUSED, authoritative: false, answers: [], authorities: [] }
        : { rcode: RCODE.NOERROR, authoritative: true, answers, authorities: [] };
    }
    let sets = reader.recordSetsAt(zone.id, `${name}.`);
    const owner = name;
    // A name without records exists when it is the apex or an empty non-terminal (records below it).
    const exists =
      sets.length > 0 || name === zone.name.replace(/\.$/, "") || reader.hasNamesBelow(zone.id, `${name}.`);
    if (!exists) sets = reader.recordSetsAt(zone.id, `*.${name.slice(name.indexOf(".") + 1)}.`);
    if (sets.length === 0) {
      // NODATA for a name that exists; otherwise NXDOMAIN, also at the end of a CNAME chain
      // (RFC 6604: the RCODE describes the last name).
      return {
        rcode: exists ? RCODE.NOERROR : RCODE.NXDOMAIN,
        authoritative: true,
        answers,
        authorities: soaOf(reader, zone.id, zone.name),
      };
    }
    const cname = sets.find((s) => s.type === "CNAME");
    if (cname !== undefined && qtype !== "CNAME") {
      const records = recordsOf(cname).map((r) => ({ ...r, name: owner }));
      answers.push(...records);
      const target = records[0]?.data;
      if (target === undefined || target.type !== "CNAME") break;
      name = target.target;
      continue;
    }
    for (const set of sets) {
      if (qtype !== "ANY" && set.type !== qtype) continue;
      if (set.alias_target !== null) {
        answers.push(...aliasRecords(reader, set, qtype, owner));
        continue;
      }
      answers.push(...recordsOf(set).map((r) => ({ ...r, name: owner })));
    }
    return {
      rcode: RCODE.NOERROR,
      authoritative: true,
      answers,
      authorities: answers.length === 0 ? soaOf(reader, zone.id, zone.name) : [],
    };
  }
  return { rcode: RCODE.NOERROR, authoritative: true, answers, authorities: [] };
}

/** An alias record answers with the records of its target when the target is in the local zones. */
function aliasRecords(reader: ZoneReader, set: RecordSetRow, qtype: string, owner: string): AnswerRecord[] {
  const target = (JSON.parse(set.alias_target ?? "{}") as AliasTarget).DNSName?.toLowerCase().replace(/\.$/, "");
  if (target === undefined || target === owner) return [];
  const zone = reader.zoneFor(`${target}.`);
  if (zone === undefined) return [];
  return reader
    .recordSetsAt(zone.id, `${target}.`)
    .filter((s) => s.type === qtype && s.alias_target === null)
    .flatMap((s) => recordsOf(s).map((r) => ({ ...r, name: owner, ttl: 60 })));
}

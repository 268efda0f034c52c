import type { DnsView } from "../dns-view.js";
import { describeAbsence, observe } from "../dns-view.js";
import type { Expectations } from "../expected-records.js";
import { finding, type Finding, type Observation, type RecordStatus } from "../findings.js";
import { isDefinitive, type DnsAnswer, type RecordType } from "../resolver.js";

export type ServiceStatus = "PENDING" | "VERIFIED" | "FAILED";

/** What every record check gets (one object, not four keyword parameters: aesthetics.md 6.7). */
export interface CheckContext {
  readonly domain: string;
  /** The servers whose answers are checked (resolvers and/or the domain's name servers). */
  readonly dns: DnsView;
  /** Where includes and other names outside the domain are looked up (the resolvers). */
  readonly expansion: DnsView;
  readonly expected: Expectations;
  /** The service's own verdicts from GetMailDomain, when known. */
  readonly service?: { readonly ownership?: ServiceStatus | undefined; readonly dkim?: ServiceStatus | undefined };
}

export type Verdict = "match" | "missing" | "mismatch";

export interface Judged {
  readonly answers: readonly DnsAnswer[];
  readonly found: Observation[];
  readonly verdicts: ReadonlyArray<{ server: string; verdict: Verdict; answer: DnsAnswer }>;
  readonly unreachable: readonly DnsAnswer[];
  readonly has: (v: Verdict) => boolean;
  /** Servers that answered definitively did not all agree. */
  readonly disagree: boolean;
  /**
   * Worth waiting for (`--wait`): missing somewhere, servers disagree, or none answered. Checks with
   * their own notion of pending (ownership, DKIM, SPF, AutoDiscover) build theirs from the parts.
   */
  readonly unsettled: boolean;
}

export function judge(answers: readonly DnsAnswer[], verdictOf: (a: DnsAnswer) => Verdict): Judged {
  const verdicts = answers
    .filter((a) => isDefinitive(a.outcome))
    .map((a) => ({ server: a.server, verdict: verdictOf(a), answer: a }));
  const kinds = new Set(verdicts.map((v) => v.verdict));
  const values = new Set(verdicts.map((v) => JSON.stringify([...observe(v.answer).values].sort())));
  const disagree = kinds.size > 1 || values.size > 1;
  return {
    answers,
    found: answers.map(observe),
    verdicts,
    unreachable: answers.filter((a) => !isDefinitive(a.outcome)),
    has: (v) => kinds.has(v),
    disagree,
    unsettled: kinds.has("missing") || disagree || verdicts.length === 0,
  };
}

/** The configuration family: Verified / Missing / Inconsistent. */
export function configurationStatus(j: Judged): RecordStatus {
  if (j.verdicts.length === 0) return "Unreachable";
  if (j.has("mismatch")) return "Inconsistent";
  if (j.has("missing")) return "Missing";
  return "Verified";
}

/** The ownership family (DNS side only): Verified / Pending / Failed. */
export function ownershipStatus(j: Judged): RecordStatus {
  if (j.verdicts.length === 0) return "Unreachable";
  if (j.has("mismatch")) return "Failed";
  if (j.has("missing")) return "Pending";
  return "Verified";
}

const list = (servers: readonly string[]) => servers.join(", ");

/** Findings every record check shares: servers that did not answer, servers that disagree. */
export function serverFindings(j: Judged, name: string, type: RecordType): Finding[] {
  const out: Finding[] = [];
  if (j.unreachable.length > 0 && j.verdicts.length > 0) {
    out.push(
      finding(
        "DNS_SERVER_UNREACHABLE",
        "warning",
        `${list(j.unreachable.map((a) => a.server))} gave no usable answer for ${name} ${type} (${describeAbsence(j.unreachable[0] as DnsAnswer)})`,
        {
          servers: j.unreachable.map((a) => a.server),
        },
      ),
    );
  }
  if (j.verdicts.length === 0 && j.answers.length > 0) {
    out.push(
      finding(
        "DNS_NO_ANSWER",
        "error",
        `no server answered for ${name} ${type}: ${j.unreachable.map((a) => `${a.server} ${describeAbsence(a)}`).join("; ")}`,
        {
          servers: j.unreachable.map((a) => a.server),
          fix: "check the server addresses (--resolver) and that they serve this domain",
        },
      ),
    );
  }
  if (j.disagree) {
    const groups = new Map<string, string[]>();
    for (const v of j.verdicts) {
      const values = observe(v.answer).values;
      const key = values.length === 0 ? describeAbsence(v.answer) : values.join(" | ");
      groups.set(key, [...(groups.get(key) ?? []), v.server]);
    }
    out.push(
      finding(
        "DNS_SERVERS_DISAGREE",
        "error",
        `the servers disagree on ${name} ${type}: ${[...groups].map(([k, s]) => `${list(s)}: ${k}`).join("; ")}`,
        {
          servers: j.verdicts.map((v) => v.server),
          fix: "a change has not reached every name server yet, or one server serves a stale copy of the zone; wait, or fix the zone on the lagging server",
        },
      ),
    );
  }
  return out;
}

/** Where a missing record is: the servers that have none, and why. */
export function absence(j: Judged): string {
  const missing = j.verdicts.filter((v) => v.verdict === "missing");
  const why = new Set(missing.map((v) => describeAbsence(v.answer)));
  return `${[...why].join(" / ")} on ${list(missing.map((v) => v.server))}`;
}

/**
 * A DNS host that appends the domain to every name turns `_amazonses.example.com` into
 * `_amazonses.example.com.example.com` (admin guide: Troubleshooting domain verification). Asked
 * only when the record is missing.
 */
export async function appendedTwice(ctx: CheckContext, name: string, type: RecordType): Promise<Finding | undefined> {
  const doubled = `${name}.${ctx.domain}`;
  const answers = await ctx.dns.lookup(doubled, type);
  const hit = answers.find((a) => a.outcome === "answer");
  if (hit === undefined) return undefined;
  return finding(
    "NAME_DOMAIN_APPENDED_TWICE",
    "error",
    `the record was created as ${doubled}: the DNS host appended the domain to a name that already had it`,
    {
      actual: observe(hit).values,
      servers: [hit.server],
      fix: `rename it to ${name}. (with a trailing dot), or enter only the part before ${ctx.domain}`,
    },
  );
}

/** A zone-file line for a fix: `name. TTL TYPE value`. */
export function zoneLine(name: string, type: RecordType, value: string): string {
  const v =
    type === "TXT"
      ? `"${value}"`
      : type === "MX"
        ? value.replace(/(\S+)$/, "$1.")
        : type === "CNAME"
          ? `${value}.`
          : value;
  return `${name}. ${type} ${v}`;
}

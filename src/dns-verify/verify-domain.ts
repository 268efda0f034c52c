import { DnsView, type ServerRole } from "./dns-view.js";
import { profileExpectations, type Provider } from "./provider-profiles.js";
import type { TargetProvider } from "./target-profile.js";
import type { DomainRecord, Expectations } from "./expected-records.js";
import { finding, passes, type Finding, type RecordCheck } from "./findings.js";
import { checkAutodiscoverCname } from "./records/autodiscover-cname.js";
import type { CheckContext, ServiceStatus } from "./records/common.js";
import { checkDkim } from "./records/dkim.js";
import { checkDmarc } from "./records/dmarc.js";
import { checkMailFrom } from "./records/mail-from.js";
import { checkMx } from "./records/mx.js";
import { checkOwnership } from "./records/ownership.js";
import { checkSpf } from "./records/spf.js";
import { checkDkimTxt, checkTargetMx, checkTargetVerification } from "./records/target-records.js";
import { normalizeName, serverLabel, type DnsServer, type Resolver } from "./resolver.js";
import { findAuthoritativeServers, isLoopback, systemResolvers } from "./servers.js";
import { WireResolver } from "./wire-resolver.js";

export interface VerifyOptions {
  readonly domain: string;
  /** GetMailDomain's Records: what WorkMail asked for. */
  readonly records: readonly DomainRecord[];
  /** Whose records to expect (provider-profiles.ts): WorkMail's `records` (the default) or a target provider's. */
  readonly provider?: Provider;
  /** With provider m365: the tenant, for the exact DKIM targets. */
  readonly tenant?: string | undefined;
  readonly isTestDomain?: boolean;
  /** GetMailDomain's OwnershipVerificationStatus and DkimVerificationStatus. */
  readonly service?: { readonly ownership?: ServiceStatus | undefined; readonly dkim?: ServiceStatus | undefined };
  /** Resolvers to ask (none: the system's). */
  readonly resolvers?: readonly DnsServer[];
  /** Ask the domain's authoritative name servers (the default when no resolver is named). */
  readonly authoritative?: boolean;
  /** Port for name servers (default 53); those on loopback addresses use the resolver's port. */
  readonly nsPort?: number;
  /** A custom MAIL FROM domain to check too. */
  readonly mailFrom?: string;
  readonly resolver?: Resolver;
  readonly timeoutMs?: number;
}

export type ReportStatus = "verified" | "pending" | "failed";

export interface DomainReport {
  readonly domain: string;
  /** Whose records were checked: WorkMail's (GetMailDomain) or a target provider's profile. */
  readonly provider: "workmail" | TargetProvider;
  readonly region: string | undefined;
  readonly isTestDomain: boolean;
  /** verified: every required record passes; pending: what fails may still come (not published or propagated yet); failed: something is wrong. */
  readonly status: ReportStatus;
  readonly servers: ReadonlyArray<{ server: string; role: "resolver" | "authoritative"; nsName?: string }>;
  readonly zone: string | undefined;
  readonly service:
    | { readonly ownership?: ServiceStatus | undefined; readonly dkim?: ServiceStatus | undefined }
    | undefined;
  readonly checks: ReadonlyArray<RecordCheck & { ok: boolean }>;
  /** Findings about the run itself (name server discovery). */
  readonly findings: readonly Finding[];
  readonly summary: {
    readonly passed: number;
    readonly failed: number;
    readonly pending: number;
    readonly warnings: number;
  };
  readonly queries: number;
  readonly elapsedMs: number;
}

export function reportStatus(checks: readonly RecordCheck[], strict = false): ReportStatus {
  const failing = checks.filter(
    (c) => c.required && (!passes(c) || (strict && c.findings.some((f) => f.severity === "warning"))),
  );
  if (failing.length === 0) return "verified";
  return failing.every((c) => c.pending) ? "pending" : "failed";
}

/**
 * The doctor: every record WorkMail asked for, checked on every server at once. Resolves the
 * domain's name servers first when asked to, then runs all checks concurrently (each check's own
 * questions are concurrent too). Never throws for DNS trouble: it is in the report.
 */
export async function verifyMailDomain(options: VerifyOptions): Promise<DomainReport> {
  const started = performance.now();
  const resolver = options.resolver ?? new WireResolver({ timeoutMs: options.timeoutMs ?? 2000 });
  const domain = normalizeName(options.domain);
  const expected: Expectations = profileExpectations(options.provider ?? "workmail", domain, {
    records: options.records,
    tenant: options.tenant,
  });
  const named = options.resolvers ?? [];
  const recursive: ServerRole[] = (named.length > 0 ? named : systemResolvers()).map((server) => ({
    server,
    role: "resolver" as const,
  }));
  const authoritative = options.authoritative ?? named.length === 0;
  const findings: Finding[] = [];
  const via = new DnsView(resolver, recursive);
  let servers: ServerRole[] = named.length > 0 ? [...recursive] : [];
  let zone: string | undefined;
  if (options.isTestDomain !== true && authoritative) {
    const loopbackPort = recursive.find((r) => isLoopback(r.server.host))?.server.port;
    const found = await findAuthoritativeServers(domain, via, {
      ...(options.nsPort === undefined ? {} : { port: options.nsPort }),
      ...(loopbackPort === undefined ? {} : { loopbackPort }),
    });
    zone = found.zone;
    findings.push(...found.findings);
    servers = [
      ...servers,
      ...found.servers.filter((s) => !servers.some((r) => serverLabel(r.server) === serverLabel(s.server))),
    ];
    if (found.servers.length === 0 && named.length === 0) {
      findings.push(
        finding("FALLBACK_TO_RESOLVERS", "warning", "asking the resolvers instead of the domain's name servers"),
      );
      servers = [...recursive];
    }
  }
  const dns = new DnsView(resolver, servers);
  const ctx: CheckContext = {
    domain,
    dns,
    expansion: via,
    expected,
    ...(options.service === undefined ? {} : { service: options.service }),
  };
  let checks: RecordCheck[] = [];
  if (options.isTestDomain !== true) {
    const target = expected.target;
    const [ownership, mx, autodiscover, dkim, spf, dmarc, mailFrom] = await Promise.all([
      target === undefined ? checkOwnership(ctx) : checkTargetVerification(ctx, target),
      target === undefined ? checkMx(ctx) : checkTargetMx(ctx, target),
      checkAutodiscoverCname(ctx),
      target?.dkimTxt === undefined ? checkDkim(ctx) : checkDkimTxt(ctx, target).then((c) => [c]),
      checkSpf(ctx),
      checkDmarc(ctx),
      options.mailFrom === undefined ? Promise.resolve([]) : checkMailFrom(ctx, normalizeName(options.mailFrom)),
    ]);
    checks = [ownership, mx, autodiscover, ...dkim, stripDetails(spf), dmarc, ...mailFrom]
      .filter((c) => c.status !== "Skipped")
      .map(
        (c): RecordCheck =>
          target !== undefined && c.section === "WorkMail configuration" ? { ...c, section: "Mail routing" } : c,
      );
    for (const lame of lameServers(checks, servers)) findings.push(lame);
    for (const refusing of refusingServers(checks, domain)) findings.push(refusing);
  }
  const withOk = checks.map((c) => ({ ...c, ok: passes(c) }));
  const required = withOk.filter((c) => c.required);
  return {
    domain,
    provider: expected.target?.provider ?? "workmail",
    region: expected.region,
    isTestDomain: options.isTestDomain === true,
    status: reportStatus(checks),
    servers: servers.map((s) => ({
      server: serverLabel(s.server),
      role: s.role,
      ...(s.nsName === undefined ? {} : { nsName: s.nsName }),
    })),
    zone,
    service: options.service,
    checks: withOk,
    findings,
    summary: {
      passed: withOk.filter((c) => c.ok).length,
      failed: required.filter((c) => !c.ok && !c.pending).length,
      pending: required.filter((c) => !c.ok && c.pending).length,
      // Every warning line the report shows: the records' and the domain's own (name servers ...).
      warnings: [...withOk.flatMap((c) => c.findings), ...findings].filter((f) => f.severity === "warning").length,
    },
    queries: dns.queries + via.queries,
    elapsedMs: Math.round(performance.now() - started),
  };
}

function stripDetails(c: RecordCheck & { details?: unknown }): RecordCheck {
  const { details: _details, ...rest } = c;
  return rest;
}

/** Name servers that answered without the AA flag are not authoritative for the domain (a lame delegation). */
function lameServers(checks: readonly RecordCheck[], servers: readonly ServerRole[]): Finding[] {
  const auth = new Set(servers.filter((s) => s.role === "authoritative").map((s) => serverLabel(s.server)));
  const lame = new Set<string>();
  for (const c of checks)
    for (const o of c.found)
      if (auth.has(o.server) && (o.outcome === "answer" || o.outcome === "nodata") && !o.authoritative)
        lame.add(o.server);
  return lame.size === 0
    ? []
    : [
        finding(
          "NS_NOT_AUTHORITATIVE",
          "warning",
          `${[...lame].join(", ")} answered without authority (a lame delegation)`,
          { servers: [...lame], fix: "make sure every NS record names a server that serves the zone" },
        ),
      ];
}

/**
 * A server that answers REFUSED to every question about the domain does not serve it (no zone
 * there). A closed port (the `refused` outcome with a "connection refused" error) is not that.
 */
function refusingServers(checks: readonly RecordCheck[], domain: string): Finding[] {
  const outcomes = new Map<string, Set<string>>();
  for (const c of checks)
    for (const o of c.found)
      outcomes.set(
        o.server,
        (outcomes.get(o.server) ?? new Set()).add(
          o.outcome === "refused" && o.error !== undefined ? "unreachable" : o.outcome,
        ),
      );
  const refusing = [...outcomes].filter(([, set]) => set.size === 1 && set.has("refused")).map(([server]) => server);
  return refusing.length === 0
    ? []
    : [
        finding(
          "DNS_REFUSED",
          "error",
          `${refusing.join(", ")} refused every question about ${domain}: it serves no zone for the domain`,
          {
            servers: refusing,
            fix: "ask a resolver or one of the domain's name servers; if the zone does not exist yet, create it (wmctl domain apply --create-zone)",
          },
        ),
      ];
}

import { defineCommand } from "../../cli/define-command.js";
import type { CommandContext } from "../../context/context.js";
import type { SimulatorNetwork } from "../../backend/simulator-control.js";
import type { DnsServer } from "../../dns-verify/resolver.js";
import type { DomainReport } from "../../dns-verify/verify-domain.js";
import { ChecksFailedError, PendingError, UsageError } from "../../errors/cli-error.js";
import { formatDuration } from "../../time/duration.js";
import { pollUntil } from "../../wait/poll.js";
import {
  checkRow,
  renderReport,
  summarizeAutodiscover,
  VERIFY_FIELDS,
  type AutodiscoverSummary,
} from "./verify-render.js";
import { domainArg } from "./view.js";

export const domainVerifyCommand = defineCommand({
  name: "verify",
  aliases: ["check", "doctor"],
  summary: "Check every DNS record WorkMail asks for, on every name server, and say what to fix",
  description:
    "For each record (ownership TXT, MX, AutoDiscover CNAME, 3 DKIM CNAMEs, SPF, DMARC, and with\n" +
    "--mail-from the custom MAIL FROM records): the console's status, what was expected, what each\n" +
    "server answered with its TTL, and a fix. Deep checks: SPF syntax, one SPF record,\n" +
    "include:amazonses.com, at most 10 DNS lookups and 2 void lookups; DMARC syntax (RFC 9989); MX on\n" +
    "the region's endpoint and first; names with the domain appended twice; servers that disagree.\n" +
    "Queries go to the domain's authoritative name servers (found through NS) unless --resolver names\n" +
    "servers; all run at once. On the local backend, or with --endpoint-url pointing at `wmctl local\n" +
    "serve`, they go to the simulator's DNS server.\n" +
    "Exit status: 0 when every required record verifies, 3 when a check fails, 8 when --wait times out\n" +
    "while records are still pending. -o json gives the whole report, with stable finding codes.\n" +
    "\n" +
    "--for m365|google checks the records of the provider you are moving to instead (the cutover of\n" +
    "`wmctl migrate plan`): MX on the target and no longer on WorkMail, SPF with the target's include\n" +
    "(and a warning while it still includes amazonses.com), DKIM (Microsoft 365: the selector1/2\n" +
    "CNAMEs, exact with --tenant; Google: the google._domainkey key), DMARC, the AutoDiscover CNAME\n" +
    "(Microsoft 365) and the target's verification TXT. The domain need not be in WorkMail any more.",
  examples: [
    "wmctl domain verify example.com",
    "wmctl domain verify example.com --wait --timeout 30m",
    "wmctl domain verify example.com --resolver 1.1.1.1 --resolver 8.8.8.8 --authoritative",
    "wmctl domain verify example.com -o json | jq '.checks[] | select(.ok | not) | .findings[].code'",
    "wmctl domain verify example.com --for m365 --tenant contoso",
  ],
  args: [{ name: "domain", describe: "the domain" }],
  options: {
    resolver: {
      kind: "list",
      placeholder: "host[:port]",
      describe: "Ask this DNS server (repeatable); each is asked separately and their answers compared",
    },
    authoritative: {
      kind: "boolean",
      describe: "Also ask the domain's authoritative name servers (the default without --resolver)",
    },
    nsPort: {
      kind: "int",
      min: 1,
      max: 65535,
      placeholder: "port",
      describe: "Port of the name servers (default 53; loopback name servers use the resolver's port)",
    },
    mailFrom: {
      kind: "string",
      placeholder: "domain",
      describe: "Also check this custom MAIL FROM domain (e.g. mail.example.com)",
    },
    for: {
      kind: "enum",
      choices: ["m365", "google"],
      placeholder: "provider",
      describe: "Check the records of the provider you move to (Microsoft 365, Google Workspace) instead of WorkMail's",
    },
    tenant: {
      kind: "string",
      placeholder: "name",
      describe: "With --for m365: the tenant (contoso or contoso.onmicrosoft.com), for the exact DKIM CNAME targets",
    },
    strict: { kind: "boolean", describe: "Warnings fail too (a third-party MX, p=none ...)" },
    skipAutodiscover: { kind: "boolean", describe: "Leave out the AutoDiscover summary (no HTTP requests)" },
    wait: { kind: "boolean", describe: "Check again until every required record verifies" },
    timeout: {
      kind: "duration",
      default: "30m",
      describe: "How long --wait waits (exit 8 when records are still pending)",
    },
    interval: { kind: "duration", default: "10s", describe: "Time between checks with --wait" },
    queryTimeout: { kind: "duration", default: "2s", describe: "How long one DNS query waits for an answer" },
  },
  output: { fields: VERIFY_FIELDS, columns: ["id", "status", "type", "name", "codes"], list: true },
  async run(ctx, opts) {
    const domain = domainArg(opts.domain);
    const mailFrom = opts.mailFrom === undefined ? undefined : flagDomain("--mail-from", opts.mailFrom);
    if (opts.queryTimeout <= 0) throw new UsageError("--query-timeout must be more than 0", "e.g. --query-timeout 2s");
    const target = opts.for;
    if (target === undefined && opts.tenant !== undefined)
      throw new UsageError(
        "--tenant goes with --for m365",
        `e.g. wmctl domain verify ${domain} --for m365 --tenant contoso`,
      );
    if (target !== undefined && mailFrom !== undefined)
      throw new UsageError("--mail-from checks WorkMail's custom MAIL FROM domain: leave it out with --for");
    if (target === "google" && opts.tenant !== undefined)
      throw new UsageError("--tenant is a Microsoft 365 setting: leave it out with --for google");
    const { tenantName } = await import("../../dns-verify/provider-profiles.js");
    let tenant: string | undefined;
    try {
      tenant = tenantName(opts.tenant);
    } catch (e) {
      throw new UsageError(`--tenant: ${(e as Error).message}`);
    }
    const org = target === undefined ? await ctx.org() : undefined;
    const api = target === undefined ? await ctx.backend() : undefined;
    const withAutodiscover = !opts.skipAutodiscover && target === undefined;
    const env = await environment(ctx, opts.resolver, withAutodiscover);
    const [{ verifyMailDomain, reportStatus }, { checkAutodiscover }] = await Promise.all([
      import("../../dns-verify/verify-domain.js"),
      import("../../autodiscover/check.js"),
    ]);

    const once = async (): Promise<DomainReport> => {
      const d =
        api === undefined || org === undefined
          ? {}
          : await api.getMailDomain({ OrganizationId: org, DomainName: domain });
      const report = await verifyMailDomain({
        domain,
        records: d.Records ?? [],
        ...(target === undefined ? {} : { provider: target, tenant }),
        isTestDomain: d.IsTestDomain === true,
        ...(target === undefined
          ? { service: { ownership: d.OwnershipVerificationStatus, dkim: d.DkimVerificationStatus } }
          : {}),
        resolvers: env.resolvers,
        ...(opts.authoritative || env.resolvers.length === 0 ? { authoritative: true } : {}),
        ...(opts.nsPort === undefined ? {} : { nsPort: opts.nsPort }),
        ...(mailFrom === undefined ? {} : { mailFrom }),
        timeoutMs: opts.queryTimeout,
      });
      return opts.strict ? { ...report, status: reportStatus(report.checks, true) } : report;
    };

    let report = await once();
    if (opts.wait && report.status === "pending") {
      let last = report;
      try {
        report = await pollUntil({
          what: `${domain} to verify`,
          timeoutMs: opts.timeout,
          intervalMs: opts.interval,
          check: async () => {
            last = await once();
            return { done: last.status !== "pending", value: last };
          },
          onPending: (r, elapsed) => {
            const open = r.checks.filter((c) => c.required && !c.ok).map((c) => c.id);
            ctx.out.info(`${domain}: ${open.length} pending (${open.join(", ")}) after ${formatDuration(elapsed)}...`);
          },
        });
      } catch (e) {
        if (e instanceof PendingError) {
          await print(ctx, last, undefined, env.note);
          throw new PendingError(
            `${domain} is still pending after ${formatDuration(opts.timeout)}: ${openIds(last)}`,
            "DNS changes can take up to 48 hours, verification up to 72; run again later or wait longer with --timeout",
          );
        }
        throw e;
      }
    }
    let autodiscover: AutodiscoverSummary | undefined;
    if (withAutodiscover && !report.isTestDomain) {
      autodiscover = summarizeAutodiscover(
        await checkAutodiscover({
          domain,
          ...(env.resolvers.length > 0 ? { resolvers: env.resolvers } : {}),
          ...(env.ca === undefined ? {} : { ca: [env.ca] }),
          ...(env.httpsPort === undefined ? {} : { httpsPort: env.httpsPort }),
          ...(env.httpPort === undefined ? {} : { httpPort: env.httpPort }),
          ...(report.region === undefined ? {} : { expectedCname: `autodiscover.mail.${report.region}.awsapps.com` }),
          timeoutMs: 5000,
        }),
      );
    }
    await print(ctx, report, autodiscover, env.note);
    if (report.status === "failed")
      throw new ChecksFailedError(
        `${domain}: ${openIds(report)} not verified`,
        `fix the records listed above, then run \`wmctl domain verify${target === undefined ? "" : ` ${domain} --for ${target}`}\` again`,
      );
    if (report.status === "pending" && unanswered(report)) {
      throw new ChecksFailedError(
        `${domain}: no DNS server answered (${report.servers.map((s) => s.server).join(", ") || "none found"})`,
        opts.resolver.length > 0
          ? "check the addresses given with --resolver, or try again later"
          : "check the network and the system's resolvers, or name a server with --resolver",
      );
    }
    const publish =
      target === undefined ? `wmctl domain apply ${domain}` : `the plan's zones/${domain}.zone, see dns-cutover.md`;
    if (report.status === "pending")
      throw new ChecksFailedError(
        `${domain}: ${openIds(report)} not verified yet`,
        `publish the records (${publish}), or wait: wmctl domain verify ${domain}${target === undefined ? "" : ` --for ${target}`} --wait`,
      );
  },
});

/** Every open record is Unreachable, and no server refused the domain: nothing was learnt about the records. */
function unanswered(r: DomainReport): boolean {
  const open = r.checks.filter((c) => c.required && !c.ok);
  return (
    open.length > 0 &&
    open.every((c) => c.status === "Unreachable") &&
    !r.findings.some((f) => f.code === "DNS_REFUSED")
  );
}

/** domainArg for a flag's value: the error names the flag. */
function flagDomain(flag: string, raw: string): string {
  try {
    return domainArg(raw);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${flag}: ${e.message}`, e.hint);
    throw e;
  }
}

function openIds(r: DomainReport): string {
  const open = r.checks.filter((c) => c.required && !c.ok).map((c) => c.id);
  return `${open.length} required record${open.length === 1 ? "" : "s"} (${open.join(", ")})`;
}

async function print(
  ctx: CommandContext,
  report: DomainReport,
  autodiscover: AutodiscoverSummary | undefined,
  note: string | undefined,
): Promise<void> {
  if (ctx.out.isJson) {
    ctx.out.record({ ...report, ...(autodiscover === undefined ? {} : { autodiscover }), checkedAt: new Date() });
  } else if (ctx.out.format === "table") {
    ctx.out.text(
      renderReport(report, autodiscover, ctx.out.config.style, {
        ...(note === undefined ? {} : { serversNote: note }),
        width: ctx.out.config.width,
      }),
    );
  } else {
    if (report.isTestDomain) ctx.out.info(`${report.domain} is WorkMail's test domain: WorkMail manages its records`);
    for (const c of report.checks) ctx.out.row(checkRow(c));
  }
}

interface VerifyEnvironment {
  readonly resolvers: DnsServer[];
  readonly note?: string;
  readonly ca?: string;
  readonly httpsPort?: number;
  readonly httpPort?: number;
}

/**
 * Where to ask: the named resolvers; on the local backend, or with --endpoint-url pointing at a
 * served simulator, the simulator's DNS (and AutoDiscover) servers and its CA. An endpoint that is
 * not a wmctl simulator gets one warning, then the named resolvers (or the system's) are used.
 */
export async function environment(
  ctx: CommandContext,
  named: readonly string[],
  withAutodiscover: boolean,
): Promise<VerifyEnvironment> {
  const { parseServer } = await import("../../dns-verify/resolver.js");
  let resolvers: DnsServer[];
  try {
    resolvers = named.map((s) => parseServer(s));
  } catch (e) {
    throw new UsageError(`--resolver: ${(e as Error).message}`);
  }
  const endpoint = ctx.settings.endpointUrl;
  if (ctx.settings.backend !== "local" && endpoint === undefined) return { resolvers };
  const fallback = (reason: string): VerifyEnvironment => {
    const where = resolvers.length > 0 ? "the given --resolver" : "the system resolver";
    ctx.out.warn(
      `${endpoint ?? "the endpoint"} is not a wmctl simulator (its /_wmctl/ admin path ${reason.replace(/\.$/, "")}): asking ${where} instead`,
    );
    return { resolvers };
  };
  const found = await ctx.findSimulator();
  if (found.control === undefined) return fallback(found.reason);
  const sim = found.control;
  let net: SimulatorNetwork;
  let ca: string | undefined;
  try {
    [net, ca] = await Promise.all([
      sim.network({ dns: resolvers.length === 0, autodiscover: withAutodiscover }),
      withAutodiscover ? sim.caCertificate() : undefined,
    ]);
  } catch (e) {
    // The served simulator is older than these control methods, or refused them.
    if (!found.served || (e as { $fault?: unknown }).$fault === undefined) throw e;
    return fallback((e as Error).message);
  }
  // A listener bound to every address is reached where the endpoint is.
  const host = (h: string) =>
    WILDCARD.has(h) ? (endpoint === undefined ? "127.0.0.1" : new URL(endpoint).hostname.replace(/^\[|\]$/g, "")) : h;
  const ad =
    net.autodiscover === undefined
      ? {}
      : { httpsPort: net.autodiscover.httpsPort, httpPort: net.autodiscover.httpPort };
  if (resolvers.length > 0 || net.dns === undefined) return { resolvers, ...(ca === undefined ? {} : { ca }), ...ad };
  return {
    resolvers: [{ host: host(net.dns.host), port: net.dns.port }],
    note:
      net.dns.source === "served"
        ? "(the simulator's DNS server)"
        : "(the simulator's DNS server, started for this command)",
    ...(ca === undefined ? {} : { ca }),
    ...ad,
  };
}

const WILDCARD = new Set(["0.0.0.0", "::", "[::]"]);

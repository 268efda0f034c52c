import { finding, guarded, type Finding, type RecordCheck, type RecordStatus } from "../findings.js";
import type { DnsAnswer } from "../resolver.js";
import {
  absence,
  appendedTwice,
  judge,
  ownershipStatus,
  serverFindings,
  zoneLine,
  type CheckContext,
  type Verdict,
} from "./common.js";

const strip = (s: string) => s.trim().replace(/^"(.*)"$/, "$1");

/** query: the `_amazonses` TXT record, and the domain's own TXT (the guide's no-underscore variant). */
async function queryOwnership(
  ctx: CheckContext,
  name: string,
): Promise<{ underscored: DnsAnswer[]; apex: DnsAnswer[] }> {
  const [underscored, apex] = await Promise.all([ctx.dns.lookup(name, "TXT"), ctx.dns.lookup(ctx.domain, "TXT")]);
  return { underscored, apex };
}

/** parse (pure): how one server's TXT values relate to the token. */
function parseOwnership(values: readonly string[], token: string): "exact" | "quoted" | "other" | "none" {
  if (values.includes(token)) return "exact";
  if (values.some((v) => strip(v) === token)) return "quoted";
  return values.length > 0 ? "other" : "none";
}

/**
 * check: the `_amazonses.<domain>` TXT record holds WorkMail's token (Verified / Pending / Failed,
 * combined with the service's own OwnershipVerificationStatus when known). Never throws.
 */
export function checkOwnership(ctx: CheckContext): Promise<RecordCheck> {
  const exp = ctx.expected.ownership;
  const name = exp?.name ?? `_amazonses.${ctx.domain}`;
  const base = {
    id: "ownership",
    section: "Domain ownership",
    type: "TXT",
    name,
    required: true,
    expected: exp?.value,
  } as const;
  return guarded(base, async () => {
    if (exp === undefined) return { ...base, status: "Skipped", found: [], findings: [], pending: false };
    const { underscored, apex } = await queryOwnership(ctx, name);
    const apexByServer = new Map(apex.map((a) => [a.server, a]));
    const atApex = (a: DnsAnswer) => parseOwnership(apexByServer.get(a.server)?.txt ?? [], exp.value) === "exact";
    const j = judge(underscored, (a): Verdict => {
      const p = parseOwnership(a.txt, exp.value);
      if (p === "exact" || atApex(a)) return "match";
      return p === "none" ? "missing" : "mismatch";
    });
    const findings: Finding[] = [...serverFindings(j, name, "TXT")];
    const fix = `add ${zoneLine(name, "TXT", exp.value)}`;
    const matched = j.verdicts.filter((v) => v.verdict === "match");
    if (matched.some((v) => parseOwnership(v.answer.txt, exp.value) !== "exact")) {
      findings.push(
        finding(
          "OWNERSHIP_AT_APEX",
          "info",
          `the token is in a TXT record of ${ctx.domain} itself (the variant for DNS hosts that do not allow underscores)`,
        ),
      );
    }
    if (matched.some((v) => v.answer.txt.length > 1)) {
      findings.push(
        finding(
          "OWNERSHIP_MULTIPLE_VALUES",
          "info",
          `${name} holds ${Math.max(...matched.map((v) => v.answer.txt.length))} values; other regions or accounts verifying the same domain each need theirs`,
        ),
      );
    }
    for (const v of j.verdicts.filter((x) => x.verdict === "mismatch")) {
      const quoted = parseOwnership(v.answer.txt, exp.value) === "quoted";
      findings.push(
        quoted
          ? finding(
              "OWNERSHIP_EXTRA_QUOTES",
              "error",
              `${name} holds the token wrapped in quote characters on ${v.server}: the quotes became part of the value`,
              {
                expected: exp.value,
                actual: v.answer.txt,
                servers: [v.server],
                fix: "enter the token without quotes (the DNS host adds them)",
              },
            )
          : finding("OWNERSHIP_TOKEN_MISMATCH", "error", `${name} on ${v.server} does not hold WorkMail's token`, {
              expected: exp.value,
              actual: v.answer.txt,
              servers: [v.server],
              fix: `${fix} (keep other values if another region or account uses them: a TXT record can hold several)`,
            }),
      );
    }
    if (j.has("missing")) {
      findings.push(
        finding("OWNERSHIP_MISSING", "error", `no TXT record at ${name}: ${absence(j)}`, { expected: exp.value, fix }),
      );
      const doubled = await appendedTwice(ctx, name, "TXT");
      if (doubled !== undefined) findings.push(doubled);
    }
    const combined = combineWithService(ownershipStatus(j), ctx.service?.ownership, findings, "ownership", name);
    return {
      ...base,
      status: combined.status,
      found: j.found,
      findings,
      pending: combined.pending || j.disagree || j.verdicts.length === 0,
    };
  });
}

/**
 * Ownership-style records have a service-side verdict too. The console shows the service's status;
 * the doctor shows DNS and says when the two differ.
 */
export function combineWithService(
  dnsStatus: RecordStatus,
  service: string | undefined,
  findings: Finding[],
  what: string,
  name: string,
): { status: RecordStatus; pending: boolean } {
  if (service === undefined)
    return { status: dnsStatus, pending: dnsStatus === "Pending" || dnsStatus === "Unreachable" };
  if (service === "FAILED") {
    findings.push(
      finding(
        `${what.toUpperCase()}_VERIFICATION_FAILED`,
        "error",
        `WorkMail reports ${what} verification FAILED: it did not find the record within its verification window`,
        {
          fix: "publish the record, then register the domain again (wmctl domain add) to restart verification",
        },
      ),
    );
    return { status: "Failed", pending: false };
  }
  if (dnsStatus === "Unreachable") return { status: dnsStatus, pending: true };
  if (dnsStatus === "Verified" && service === "PENDING") {
    findings.push(
      finding(
        `${what.toUpperCase()}_NOT_CONFIRMED`,
        "info",
        `the record is published, but WorkMail still reports ${what} verification PENDING; it checks periodically`,
      ),
    );
    return { status: "Pending", pending: true };
  }
  if (service === "VERIFIED" && dnsStatus !== "Verified") {
    findings.push(
      finding(
        `${what.toUpperCase()}_RECORD_REMOVED`,
        "warning",
        `WorkMail verified ${what} earlier, but ${name} does not hold the record now; keep it published`,
      ),
    );
    return { status: "Verified", pending: false };
  }
  return { status: dnsStatus, pending: dnsStatus === "Pending" };
}

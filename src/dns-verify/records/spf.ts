import { finding, guarded, type Finding, type RecordCheck, type RecordStatus } from "../findings.js";
import { absence, appendedTwice, judge, serverFindings, type CheckContext } from "./common.js";
import { expandSpf, MAX_DNS_LOOKUPS, MAX_VOID_LOOKUPS, type SpfExpansion } from "./spf-lookups.js";
import { isSpfRecord, looksLikeBrokenSpf, parseSpf, type ParsedSpf } from "./spf-parse.js";

export interface SpfDetails {
  readonly record: string | undefined;
  readonly parsed: ParsedSpf | undefined;
  readonly expansion: SpfExpansion | undefined;
}

/**
 * check: exactly one SPF record at the domain, valid, including amazonses.com (directly or through
 * its includes), within 10 DNS-lookup terms and 2 void lookups (RFC 7208 section 4.6.4)
 * (Verified / Missing / Inconsistent). Never throws.
 */
export function checkSpf(
  ctx: CheckContext,
  options: { name?: string; id?: string; section?: RecordCheck["section"]; required?: boolean } = {},
): Promise<RecordCheck & { details?: SpfDetails }> {
  const name = options.name ?? ctx.domain;
  const target = name === ctx.domain ? ctx.expected.target : undefined;
  const include = target?.spfInclude ?? "amazonses.com";
  const expected =
    name === ctx.domain
      ? (ctx.expected.spf?.value ?? `v=spf1 include:${include} ~all`)
      : "v=spf1 include:amazonses.com ~all";
  const base = {
    id: options.id ?? "spf",
    section: options.section ?? "Improved security",
    type: "TXT",
    name,
    required: options.required ?? true,
    expected,
  } as const;
  return guarded(base, async () => {
    const answers = await ctx.dns.lookup(name, "TXT");
    const j = judge(answers, (a) => (a.txt.filter(isSpfRecord).length === 0 ? "missing" : "match"));
    const findings: Finding[] = [...serverFindings(j, name, "TXT")];
    // Servers disagreeing on other TXT values (verification tokens) do not matter here: compare SPF only.
    const spfSets = new Set(j.verdicts.map((v) => JSON.stringify(v.answer.txt.filter(isSpfRecord).sort())));
    const i = findings.findIndex((f) => f.code === "DNS_SERVERS_DISAGREE");
    if (i !== -1 && spfSets.size <= 1 && !(j.has("missing") && j.has("match"))) findings.splice(i, 1);
    const first = j.verdicts.find((v) => v.verdict === "match") ?? j.verdicts[0];
    const txt = first?.answer.txt ?? [];
    const spf = txt.filter(isSpfRecord);
    for (const t of txt) {
      const broken = looksLikeBrokenSpf(t);
      if (broken !== undefined)
        findings.push(
          finding("SPF_MALFORMED", "error", `a TXT record looks like SPF but is not recognised: ${broken}`, {
            actual: [t],
            fix: `write it as: ${expected}`,
          }),
        );
    }
    let status: RecordStatus = j.verdicts.length === 0 ? "Unreachable" : "Verified";
    let details: SpfDetails = { record: undefined, parsed: undefined, expansion: undefined };
    if (j.has("missing")) {
      status = "Missing";
      findings.push(
        finding("SPF_MISSING", "error", `${name} publishes no SPF record: ${absence(j)}`, {
          expected,
          fix: `add ${name}. TXT "${expected}"`,
        }),
      );
      const doubled = await appendedTwice(ctx, name, "TXT");
      if (doubled !== undefined && doubled.actual?.some(isSpfRecord)) findings.push(doubled);
    }
    if (spf.length > 1) {
      status = "Inconsistent";
      findings.push(
        finding(
          "SPF_MULTIPLE",
          "error",
          `${name} has ${spf.length} SPF records; receivers treat that as a permanent error (RFC 7208 section 4.5)`,
          { actual: spf, fix: "merge them into one record" },
        ),
      );
    } else if (spf.length === 1) {
      const record = spf[0] as string;
      const parsed = parseSpf(record);
      const expansion = await expandSpf(name, record, ctx.expansion);
      details = { record, parsed, expansion };
      for (const p of [...parsed.problems, ...expansion.problems])
        findings.push(finding(p.code, p.severity, p.message, p.fix === undefined ? {} : { fix: p.fix }));
      const includes = (domain: string) =>
        parsed.terms.some((t) => (t.name === "include" || t.name === "redirect") && t.value?.toLowerCase() === domain);
      const direct = includes(include);
      const sender = target === undefined ? "WorkMail" : target.label;
      const code = target === undefined ? "AMAZONSES" : "TARGET_INCLUDE";
      if (!direct && !expansion.includes.includes(include)) {
        findings.push(
          finding(
            `SPF_NO_${code}`,
            "error",
            `the SPF record does not include ${include}: mail ${sender} sends for this domain fails SPF`,
            {
              actual: [record],
              expected: `include:${include}`,
              fix: `add include:${include} before the all mechanism`,
            },
          ),
        );
      } else if (!direct) {
        findings.push(finding(`SPF_${code}_NESTED`, "info", `${include} is included through another include`));
      }
      if (target !== undefined && (includes("amazonses.com") || expansion.includes.includes("amazonses.com"))) {
        findings.push(
          finding(
            "SPF_STILL_AMAZONSES",
            "warning",
            "the SPF record still includes amazonses.com (WorkMail's senders)",
            {
              actual: [record],
              fix: "remove include:amazonses.com once WorkMail no longer sends for the domain (after the cutover and the last migration pass)",
            },
          ),
        );
      }
      if (expansion.lookups > MAX_DNS_LOOKUPS) {
        findings.push(
          finding(
            "SPF_TOO_MANY_LOOKUPS",
            "error",
            `the record needs ${expansion.lookups} DNS lookups; receivers give up after ${MAX_DNS_LOOKUPS} (RFC 7208 section 4.6.4)`,
            {
              actual: expansion.tree.map((n) => `${n.term}: ${n.lookups}`),
              fix: "replace includes by the ip4:/ip6: ranges they stand for, or drop senders you no longer use",
            },
          ),
        );
      }
      if (expansion.voidLookups > MAX_VOID_LOOKUPS) {
        findings.push(
          finding(
            "SPF_TOO_MANY_VOID_LOOKUPS",
            "error",
            `${expansion.voidLookups} lookups find nothing; more than ${MAX_VOID_LOOKUPS} is a permanent error (RFC 7208 section 4.6.4)`,
            { fix: "remove the terms that point at names without records" },
          ),
        );
      }
      if (findings.some((f) => f.severity === "error" && f.code.startsWith("SPF_"))) status = "Inconsistent";
    }
    return {
      ...base,
      status,
      found: j.found,
      findings,
      pending: j.has("missing") || (j.disagree && spfSets.size > 1) || j.verdicts.length === 0,
      details,
    };
  });
}

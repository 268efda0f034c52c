import { finding, guarded, type Finding, type RecordCheck, type RecordStatus } from "../findings.js";
import { absence, appendedTwice, judge, serverFindings, type CheckContext } from "./common.js";
import { isDmarcRecord, parseDmarc } from "./dmarc-parse.js";

/**
 * check: one valid DMARC record at `_dmarc.<domain>` (Verified / Missing / Inconsistent). WorkMail
 * suggests a value but any valid policy verifies; a missing record is a warning (DMARC is
 * recommended, not required), a broken one an error. Never throws.
 */
export function checkDmarc(ctx: CheckContext): Promise<RecordCheck> {
  const name = ctx.expected.dmarc?.name ?? `_dmarc.${ctx.domain}`;
  const suggested = ctx.expected.dmarc?.value ?? "v=DMARC1;p=quarantine;pct=100;fo=1";
  const base = {
    id: "dmarc",
    section: "Improved security",
    type: "TXT",
    name,
    required: false,
    expected: suggested,
  } as const;
  return guarded(base, async () => {
    const answers = await ctx.dns.lookup(name, "TXT");
    const j = judge(answers, (a) =>
      a.txt.some(isDmarcRecord) ? "match" : a.txt.length === 0 ? "missing" : "mismatch",
    );
    const findings: Finding[] = [...serverFindings(j, name, "TXT")];
    const first = j.verdicts.find((v) => v.verdict === "match") ?? j.verdicts[0];
    const txt = first?.answer.txt ?? [];
    const dmarc = txt.filter(isDmarcRecord);
    let status: RecordStatus = j.verdicts.length === 0 ? "Unreachable" : "Verified";
    if (j.verdicts.length === 0) {
      status = "Unreachable";
    } else if (dmarc.length === 0 && txt.length > 0) {
      status = "Inconsistent";
      const parsed = parseDmarc(txt[0] as string);
      const why = parsed.problems.find((p) => p.severity === "error")?.message ?? "it does not start with v=DMARC1";
      findings.push(
        finding("DMARC_INVALID", "error", `${name} holds a TXT record that is not a valid DMARC record: ${why}`, {
          actual: txt,
          fix: `replace it with: ${name}. TXT "${suggested}"`,
        }),
      );
    } else if (j.has("missing") || dmarc.length === 0) {
      status = "Missing";
      findings.push(
        finding("DMARC_MISSING", "warning", `${ctx.domain} publishes no DMARC policy: ${absence(j)}`, {
          expected: suggested,
          fix: `add ${name}. TXT "${suggested}"`,
        }),
      );
      const doubled = await appendedTwice(ctx, name, "TXT");
      if (doubled !== undefined) findings.push(doubled);
    } else if (dmarc.length > 1) {
      status = "Inconsistent";
      findings.push(
        finding(
          "DMARC_MULTIPLE",
          "error",
          `${name} has ${dmarc.length} DMARC records; receivers then apply none of them`,
          { actual: dmarc, fix: "keep one" },
        ),
      );
    } else {
      const parsed = parseDmarc(dmarc[0] as string);
      // WorkMail's own recommended record is what the console asks for: the RFC 9989 remarks on it are notes.
      const workmails = sameDmarc(dmarc[0] as string, suggested);
      if (workmails)
        findings.push(
          finding(
            "DMARC_WORKMAIL_RECORD",
            "info",
            `this is the DMARC record ${ctx.expected.target === undefined ? "WorkMail recommends" : "suggested for the target"}; the notes below are for information only`,
          ),
        );
      for (const p of parsed.problems)
        findings.push(
          finding(
            p.code,
            workmails && p.severity === "warning" ? "info" : p.severity,
            p.message,
            p.fix === undefined ? {} : { fix: p.fix },
          ),
        );
      if (!parsed.valid) status = "Inconsistent";
      if (txt.length > dmarc.length)
        findings.push(finding("DMARC_OTHER_TXT", "info", `${name} also holds TXT records that are not DMARC`));
      if (parsed.valid && !workmails)
        findings.push(
          finding(
            "DMARC_DIFFERS_FROM_SUGGESTED",
            "info",
            `the policy differs from ${ctx.expected.target === undefined ? "WorkMail's suggestion" : "the suggested one"} (${suggested}); any valid policy verifies`,
          ),
        );
    }
    return {
      ...base,
      status,
      found: j.found,
      findings,
      pending: j.unsettled,
    };
  });
}

/** The same DMARC record, whatever the spaces around `;` and the case of tag names. */
function sameDmarc(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .split(";")
      .map((t) => t.trim())
      .filter((t) => t !== "")
      .map((t) => t.replace(/^(\w+)\s*=\s*/, (_m, k: string) => `${k.toLowerCase()}=`))
      .join(";");
  return norm(a) === norm(b);
}

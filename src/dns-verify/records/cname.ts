import { observe } from "../dns-view.js";
import { finding, type Finding } from "../findings.js";
import { articled } from "../presentation.js";
import type { DnsAnswer } from "../resolver.js";
import {
  absence,
  appendedTwice,
  judge,
  serverFindings,
  type CheckContext,
  type Judged,
  type Verdict,
} from "./common.js";

/** parse (pure): one server's CNAME answer against the expected target. */
function parseCname(answer: Pick<DnsAnswer, "values">, target: string, pattern?: RegExp): Verdict {
  const values = answer.values.map((v) => v.replace(/\.$/, "").toLowerCase());
  if (values.length === 0) return "missing";
  return values.includes(target) || (pattern !== undefined && values.some((v) => pattern.test(v)))
    ? "match"
    : "mismatch";
}

/**
 * query + shared checks for a CNAME WorkMail asks for: the answers judged, mismatches and absences
 * explained, the domain-appended-twice trap and "some other record type is there instead" looked
 * for when the CNAME is missing.
 */
export async function checkCnameRecord(
  ctx: CheckContext,
  name: string,
  target: string,
  codes: { missing: string; mismatch: string; otherType: string },
  pattern?: RegExp,
): Promise<{ j: Judged; findings: Finding[]; otherType: string | undefined }> {
  const answers = await ctx.dns.lookup(name, "CNAME");
  const j = judge(answers, (a) => parseCname(a, target, pattern));
  const findings: Finding[] = [...serverFindings(j, name, "CNAME")];
  const fix = `add ${name}. CNAME ${target}.`;
  for (const v of j.verdicts.filter((x) => x.verdict === "mismatch")) {
    findings.push(
      finding(
        codes.mismatch,
        "error",
        `${name} on ${v.server} points to ${observe(v.answer).values.join(", ")}, not ${target}`,
        { expected: target, actual: observe(v.answer).values, servers: [v.server], fix: `change it to ${target}.` },
      ),
    );
  }
  let otherType: string | undefined;
  if (j.has("missing")) {
    findings.push(finding(codes.missing, "error", `no CNAME at ${name}: ${absence(j)}`, { expected: target, fix }));
    const [txt, a, doubled] = await Promise.all([
      ctx.dns.first(name, "TXT"),
      ctx.dns.first(name, "A"),
      appendedTwice(ctx, name, "CNAME"),
    ]);
    if (doubled !== undefined) findings.push(doubled);
    if (a?.outcome === "answer") otherType = "A";
    else if (txt?.outcome === "answer") otherType = "TXT";
    if (otherType !== undefined) {
      findings.push(
        finding(codes.otherType, "error", `${name} has ${articled(otherType)} record instead of the CNAME`, {
          actual: observe(otherType === "A" ? (a as DnsAnswer) : (txt as DnsAnswer)).values,
          fix: `replace it with: ${fix}`,
        }),
      );
    }
  }
  return { j, findings, otherType };
}

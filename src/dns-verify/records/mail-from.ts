import { finding, guarded, type Finding, type RecordCheck } from "../findings.js";
import { configurationStatus, judge, serverFindings, type CheckContext } from "./common.js";
import { parseMx } from "./mx.js";
import { checkSpf } from "./spf.js";

/**
 * check: a custom MAIL FROM domain (admin guide: Configuring a custom MAIL FROM domain; needed for
 * iOS AutoDiscover): MX `10 feedback-smtp.<region>.amazonses.com` (Verified / Missing /
 * Inconsistent) and an SPF TXT record including amazonses.com (Verified / Pending / Failed).
 */
export async function checkMailFrom(ctx: CheckContext, mailFrom: string): Promise<RecordCheck[]> {
  const region = ctx.expected.region ?? "us-east-1";
  const exchange = `feedback-smtp.${region}.amazonses.com`;
  const mxBase = {
    id: "mail-from-mx",
    section: "Improved email delivery",
    type: "MX",
    name: mailFrom,
    required: true,
    expected: `10 ${exchange}`,
  } as const;
  const mx = guarded(mxBase, async () => {
    const answers = await ctx.dns.lookup(mailFrom, "MX");
    const j = judge(answers, (a) => {
      const shape = parseMx(a.mx, exchange).kind;
      return shape === "none" ? "missing" : shape === "workmail" ? "match" : "mismatch";
    });
    const findings: Finding[] = [...serverFindings(j, mailFrom, "MX")];
    if (j.has("missing"))
      findings.push(
        finding("MAIL_FROM_MX_MISSING", "error", `${mailFrom} has no MX record`, {
          expected: mxBase.expected,
          fix: `add ${mailFrom}. MX 10 ${exchange}.`,
        }),
      );
    if (j.has("mismatch"))
      findings.push(
        finding("MAIL_FROM_MX_MISMATCH", "error", `${mailFrom}'s MX does not point at ${exchange}`, {
          expected: mxBase.expected,
          fix: `set ${mailFrom}. MX 10 ${exchange}.`,
        }),
      );
    return {
      ...mxBase,
      status: configurationStatus(j),
      found: j.found,
      findings,
      pending: j.has("missing") || j.disagree,
    };
  });
  const txt = checkSpf(ctx, {
    name: mailFrom,
    id: "mail-from-txt",
    section: "Improved email delivery",
    required: true,
  }).then((c): RecordCheck => {
    const status =
      c.status === "Verified"
        ? "Verified"
        : c.status === "Missing"
          ? "Pending"
          : c.status === "Inconsistent"
            ? "Failed"
            : c.status;
    return {
      ...c,
      status,
      findings: c.findings.map((f) => (f.code === "SPF_MISSING" ? { ...f, code: "MAIL_FROM_SPF_MISSING" } : f)),
    };
  });
  return Promise.all([mx, txt]);
}

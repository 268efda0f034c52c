import { finding, guarded, type RecordCheck } from "../findings.js";
import { configurationStatus, type CheckContext } from "./common.js";
import { checkCnameRecord } from "./cname.js";

/**
 * check: `autodiscover.<domain>` is a CNAME to `autodiscover.mail.<region>.awsapps.com`, the record
 * that enables AutoDiscover phase 3 (Verified / Missing / Inconsistent). An A record there usually
 * means a phase-2 endpoint (CloudFront, a proxy): reported, and `autodiscover check` tells more.
 */
export function checkAutodiscoverCname(ctx: CheckContext): Promise<RecordCheck> {
  const exp = ctx.expected.autodiscover;
  const name = exp?.name ?? `autodiscover.${ctx.domain}`;
  const base = {
    id: "autodiscover",
    section: "WorkMail configuration",
    type: "CNAME",
    name,
    required: true,
    expected: exp?.value,
  } as const;
  return guarded(base, async () => {
    if (exp === undefined) return { ...base, status: "Skipped", found: [], findings: [], pending: false };
    const { j, findings, otherType } = await checkCnameRecord(ctx, name, exp.value, {
      missing: "AUTODISCOVER_MISSING",
      mismatch: "AUTODISCOVER_CNAME_MISMATCH",
      otherType: "AUTODISCOVER_NOT_CNAME",
    });
    let status = configurationStatus(j);
    if (otherType === "A") {
      // An address record is how a phase-2 endpoint (CloudFront, a proxy) is published: not an
      // error in itself, but not the phase-3 CNAME WorkMail asks for either.
      const actual = findings.find((f) => f.code === "AUTODISCOVER_NOT_CNAME")?.actual;
      const kept = findings.filter((f) => f.code !== "AUTODISCOVER_MISSING" && f.code !== "AUTODISCOVER_NOT_CNAME");
      kept.push(
        finding(
          "AUTODISCOVER_NOT_CNAME",
          "warning",
          `${name} has an A record instead of WorkMail's CNAME: a phase-2 endpoint of your own (CloudFront, a proxy) rather than phase 3`,
          {
            ...(actual === undefined ? {} : { actual }),
            fix: `run \`wmctl autodiscover check ${ctx.domain}\` to test it; or publish ${name}. CNAME ${exp.value}.`,
          },
        ),
      );
      findings.splice(0, findings.length, ...kept);
      status = "Inconsistent";
    }
    return {
      ...base,
      status,
      found: j.found,
      findings,
      pending: (j.has("missing") && otherType === undefined) || j.disagree || j.verdicts.length === 0,
    };
  });
}

import { guarded, type RecordCheck } from "../findings.js";
import { ownershipStatus, type CheckContext } from "./common.js";
import { checkCnameRecord } from "./cname.js";
import { combineWithService } from "./ownership.js";

/**
 * check: each of the three DKIM CNAMEs `<token>._domainkey.<domain>` -> `<token>.dkim.amazonses.com`
 * (Verified / Pending / Failed, like the console; the service's DkimVerificationStatus covers all
 * three). Never throws.
 */
export function checkDkim(ctx: CheckContext): Promise<RecordCheck[]> {
  return Promise.all(
    ctx.expected.dkim.map((exp, i) => {
      const base = {
        id: `dkim-${i + 1}`,
        section: "Improved security",
        type: "CNAME",
        name: exp.name,
        required: true,
        expected: exp.value,
      } as const;
      return guarded(base, async () => {
        const { j, findings, otherType } = await checkCnameRecord(
          ctx,
          exp.name,
          exp.value,
          {
            missing: "DKIM_MISSING",
            mismatch: "DKIM_CNAME_MISMATCH",
            otherType: "DKIM_NOT_CNAME",
          },
          exp.pattern,
        );
        let dns = ownershipStatus(j);
        if (otherType !== undefined) dns = "Failed";
        const combined = combineWithService(dns, ctx.service?.dkim, findings, "dkim", exp.name);
        return { ...base, status: combined.status, found: j.found, findings, pending: combined.pending || j.disagree };
      });
    }),
  );
}

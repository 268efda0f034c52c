import { finding, guarded, type Finding, type RecordCheck } from "../findings.js";
import type { TargetProfile } from "../target-profile.js";
import type { MxRecord } from "../resolver.js";
import {
  absence,
  appendedTwice,
  judge,
  ownershipStatus,
  serverFindings,
  zoneLine,
  type CheckContext,
} from "./common.js";
import { judgeMx, type MxShapeOutcome } from "./mx.js";

/**
 * The checks of a target provider's records that WorkMail's own set has no twin for: MX on the
 * target (and no longer on WorkMail), the target's verification TXT at the apex, and a DKIM key
 * published as TXT (Google). SPF, DMARC, AutoDiscover and DKIM CNAMEs reuse the WorkMail checks
 * with the profile's expectations.
 */

const WORKMAIL_MX = /^inbound-smtp\.[a-z0-9-]+\.amazonaws\.com$/;

type TargetMxShape =
  | { kind: "none" }
  /** `exact`: the host is the one the profile computes (not another of the provider's). */
  | { kind: "target"; others: MxRecord[]; exact: boolean }
  /** The target's host is there, but another (WorkMail's or a third party's) has a lower or equal preference. */
  | { kind: "target-not-first"; before: MxRecord[] }
  /** No target host; WorkMail's endpoint still receives. */
  | { kind: "workmail" }
  | { kind: "other"; hosts: MxRecord[] };

/** parse (pure): what a set of MX records means for the target provider. */
function parseTargetMx(
  records: readonly MxRecord[],
  target: Pick<TargetProfile, "mxHost">,
  exchange?: string,
): TargetMxShape {
  if (records.length === 0) return { kind: "none" };
  const ours = records.filter((r) => target.mxHost.test(r.exchange));
  if (ours.length === 0)
    return records.some((r) => WORKMAIL_MX.test(r.exchange))
      ? { kind: "workmail" }
      : { kind: "other", hosts: [...records] };
  const best = Math.min(...ours.map((r) => r.preference));
  const others = records.filter((r) => !target.mxHost.test(r.exchange));
  const before = others.filter((r) => r.preference <= best);
  return before.length > 0
    ? { kind: "target-not-first", before }
    : { kind: "target", others, exact: exchange === undefined || ours.some((r) => r.exchange === exchange) };
}

/** check: the domain's MX points at the target provider (Verified / Missing / Inconsistent). Never throws. */
export function checkTargetMx(ctx: CheckContext, target: TargetProfile): Promise<RecordCheck> {
  const exp = ctx.expected.mx;
  const name = ctx.domain;
  const expected = exp === undefined ? undefined : `${exp.preference} ${exp.exchange}`;
  const base = { id: "mx", section: "Mail routing", type: "MX", name, required: true, expected } as const;
  const fix = `set ${zoneLine(name, "MX", expected ?? "")} as the only MX record`;
  return guarded(base, () =>
    judgeMx(
      ctx,
      base,
      (mx) => parseTargetMx(mx, target, exp?.exchange),
      "target",
      (shape, actual): MxShapeOutcome => {
        switch (shape.kind) {
          case "target": {
            const findings: Finding[] = [];
            if (!shape.exact)
              findings.push(
                finding(
                  "MX_TARGET_HOST_DIFFERS",
                  "info",
                  `the MX is ${target.label}'s (${actual.join(", ")}), not the host this profile computes (${expected ?? ""}); the admin center shows the one to use`,
                ),
              );
            if (shape.others.length > 0) {
              findings.push(
                finding(
                  "MX_NOT_ONLY",
                  "warning",
                  `other MX hosts follow ${target.label}'s (${shape.others.map((r) => `${r.preference} ${r.exchange}`).join(", ")})`,
                  {
                    actual,
                    fix: `remove them once ${target.label} receives all mail (WorkMail's inbound-smtp host above all)`,
                  },
                ),
              );
            }
            return { inconsistent: false, findings };
          }
          case "target-not-first":
            return {
              inconsistent: true,
              findings: [
                finding(
                  shape.before.some((r) => WORKMAIL_MX.test(r.exchange)) ? "MX_STILL_WORKMAIL" : "MX_TARGET_NOT_LOWEST",
                  "error",
                  `${shape.before.map((r) => `${r.preference} ${r.exchange}`).join(", ")} comes before ${target.label}'s host: mail goes there first`,
                  { expected, actual, fix },
                ),
              ],
            };
          case "workmail":
            return {
              inconsistent: true,
              findings: [
                finding(
                  "MX_STILL_WORKMAIL",
                  "error",
                  `the MX still points at WorkMail (${actual.join(", ")}): mail does not reach ${target.label}`,
                  { expected, actual, fix: `${fix} at the cutover (see dns-cutover.md)` },
                ),
              ],
            };
          default:
            return {
              inconsistent: true,
              findings: [
                finding(
                  "MX_NOT_TARGET",
                  "error",
                  `the MX points elsewhere (${shape.kind === "other" ? shape.hosts.map((r) => r.exchange).join(", ") : ""}), not at ${target.label}`,
                  {
                    expected,
                    actual,
                    fix: `${fix}; if those hosts are a mail filter in front of ${target.label}, this is expected`,
                  },
                ),
              ],
            };
        }
      },
    ),
  );
}

/**
 * check: the target's domain-verification TXT (`MS=ms...`, `google-site-verification=...`) at the
 * apex. Its value comes from the target's console, so any value with the right prefix verifies.
 * Recommended, not required: the target stops asking for it once the domain is verified there.
 */
export function checkTargetVerification(ctx: CheckContext, target: TargetProfile): Promise<RecordCheck> {
  const name = ctx.domain;
  const base = {
    id: "verification",
    section: "Domain ownership",
    type: "TXT",
    name,
    required: false,
    expected: ctx.expected.ownership?.value,
  } as const;
  return guarded(base, async () => {
    const answers = await ctx.dns.lookup(name, "TXT");
    const j = judge(answers, (a) => (a.txt.some((t) => t.startsWith(target.verificationPrefix)) ? "match" : "missing"));
    const findings: Finding[] = [...serverFindings(j, name, "TXT")].filter(
      (f) => f.code !== "DNS_SERVERS_DISAGREE" || j.has("missing"),
    );
    if (j.has("missing")) {
      const others = j.verdicts.some((v) => v.answer.txt.length > 0);
      findings.push(
        finding(
          "VERIFICATION_TXT_MISSING",
          "warning",
          `${name} has no ${target.verificationPrefix}... TXT record${others ? " among its TXT records" : `: ${absence(j)}`}`,
          {
            expected: base.expected,
            fix: `add the ${target.label} verification record its admin console shows (${base.expected ?? target.verificationPrefix})`,
          },
        ),
      );
    }
    return {
      ...base,
      status: ownershipStatus(j),
      found: j.found,
      findings,
      pending: j.has("missing") || j.verdicts.length === 0,
    };
  });
}

/** parse (pure): a DKIM key record's shape: `v=DKIM1; k=rsa; p=<base64>` with a non-empty key. */
function parseDkimTxt(values: readonly string[]): "key" | "revoked" | "other" | "none" {
  if (values.length === 0) return "none";
  const key = values.map((v) => v.replace(/\s+/g, "")).find((v) => /(^|;)v=DKIM1(;|$)/i.test(v) || /(^|;)p=/.test(v));
  if (key === undefined) return "other";
  return /(^|;)p=[A-Za-z0-9+/]+=*(;|$)/.test(key) ? "key" : "revoked";
}

/** check: a DKIM key published as TXT (Google: `google._domainkey`), Verified / Pending / Failed. Never throws. */
export function checkDkimTxt(ctx: CheckContext, target: TargetProfile): Promise<RecordCheck> {
  const name = `${target.dkimTxt ?? "default._domainkey"}.${ctx.domain}`;
  const base = {
    id: "dkim-1",
    section: "Improved security",
    type: "TXT",
    name,
    required: true,
    expected: "v=DKIM1; k=rsa; p=<the key from the admin console>",
  } as const;
  return guarded(base, async () => {
    const answers = await ctx.dns.lookup(name, "TXT");
    const j = judge(answers, (a) => {
      const p = parseDkimTxt(a.txt);
      return p === "key" ? "match" : p === "none" ? "missing" : "mismatch";
    });
    const findings: Finding[] = [...serverFindings(j, name, "TXT")];
    const fix = `generate the key in ${target.label}'s admin console and publish it as ${name}. TXT "v=DKIM1; k=rsa; p=..."`;
    for (const v of j.verdicts.filter((x) => x.verdict === "mismatch")) {
      const p = parseDkimTxt(v.answer.txt);
      findings.push(
        finding(
          "DKIM_TXT_INVALID",
          "error",
          `${name} on ${v.server} ${p === "revoked" ? "has an empty or malformed p= key" : "holds no DKIM key"}`,
          { actual: v.answer.txt, servers: [v.server], fix },
        ),
      );
    }
    if (j.has("missing")) {
      findings.push(finding("DKIM_TXT_MISSING", "error", `no DKIM key at ${name}: ${absence(j)}`, { fix }));
      const doubled = await appendedTwice(ctx, name, "TXT");
      if (doubled !== undefined) findings.push(doubled);
    }
    return {
      ...base,
      status: ownershipStatus(j),
      found: j.found,
      findings,
      pending: j.unsettled,
    };
  });
}

import { finding, guarded, type Finding, type RecordCheck, type RecordStatus } from "../findings.js";
import type { MxRecord } from "../resolver.js";
import { absence, appendedTwice, judge, serverFindings, zoneLine, type CheckContext, type Verdict } from "./common.js";

export type MxShape =
  | { kind: "none" }
  /** WorkMail's endpoint is the only host, or has the lowest preference with others behind it. */
  | { kind: "workmail"; others: MxRecord[] }
  /** WorkMail's endpoint is there, but another host has a lower or equal preference. */
  | { kind: "workmail-not-first"; before: MxRecord[] }
  /** The MX points at WorkMail's endpoint of another region. */
  | { kind: "wrong-region"; region: string }
  /** Only other hosts: another provider, or a third-party mail proxy in front of WorkMail. */
  | { kind: "other"; hosts: MxRecord[] };

/** parse (pure): what a set of MX records means for WorkMail. */
export function parseMx(records: readonly MxRecord[], expectedExchange: string): MxShape {
  if (records.length === 0) return { kind: "none" };
  const ours = records.filter((r) => r.exchange === expectedExchange);
  if (ours.length > 0) {
    const best = Math.min(...ours.map((r) => r.preference));
    const others = records.filter((r) => r.exchange !== expectedExchange);
    const before = others.filter((r) => r.preference <= best);
    return before.length > 0 ? { kind: "workmail-not-first", before } : { kind: "workmail", others };
  }
  const region = records
    .map((r) => /^inbound-smtp\.([a-z0-9-]+)\.amazonaws\.com$/.exec(r.exchange)?.[1])
    .find((r) => r !== undefined);
  if (region !== undefined) return { kind: "wrong-region", region };
  return { kind: "other", hosts: [...records] };
}

/** What one kind of MX answer means: findings to report, and whether it makes the record Inconsistent. */
export interface MxShapeOutcome {
  readonly findings: Finding[];
  readonly inconsistent: boolean;
}

/**
 * query + the judging every MX check shares: one verdict per server from the answer's shape
 * (`okKind` matches, `none` is missing, anything else a mismatch), the server findings,
 * MX_MISSING, the domain-appended-twice trap. `describe` explains each other shape once.
 */
export async function judgeMx<S extends { kind: string }>(
  ctx: CheckContext,
  base: Pick<RecordCheck, "id" | "section" | "type" | "name" | "required" | "expected">,
  parse: (records: readonly MxRecord[]) => S,
  okKind: S["kind"],
  describe: (shape: S, actual: string[]) => MxShapeOutcome,
): Promise<RecordCheck> {
  const name = base.name;
  const answers = await ctx.dns.lookup(name, "MX");
  const shapes = new Map(answers.map((a) => [a.server, parse(a.mx)]));
  const j = judge(answers, (a): Verdict => {
    const k = shapes.get(a.server)?.kind;
    return k === "none" ? "missing" : k === okKind ? "match" : "mismatch";
  });
  const findings: Finding[] = [...serverFindings(j, name, "MX")];
  const seen = new Set<string>();
  let status: RecordStatus = j.verdicts.length === 0 ? "Unreachable" : "Verified";
  for (const v of j.verdicts) {
    const shape = shapes.get(v.server) as S;
    if (seen.has(shape.kind)) continue;
    seen.add(shape.kind);
    if (shape.kind === "none") {
      status = status === "Inconsistent" ? status : "Missing";
      findings.push(
        finding("MX_MISSING", "error", `${name} has no MX record: ${absence(j)}`, {
          expected: base.expected,
          fix: `add ${zoneLine(name, "MX", base.expected ?? "")}`,
        }),
      );
      continue;
    }
    const outcome = describe(
      shape,
      v.answer.mx.map((r) => `${r.preference} ${r.exchange}`),
    );
    findings.push(...outcome.findings);
    if (outcome.inconsistent) status = "Inconsistent";
  }
  if (j.has("missing")) {
    const doubled = await appendedTwice(ctx, name, "MX");
    if (doubled !== undefined) findings.push(doubled);
  }
  return {
    ...base,
    status,
    found: j.found,
    findings,
    pending: j.unsettled,
  };
}

/**
 * check: the domain's MX points at the region's WorkMail endpoint and is the only (or the lowest
 * preference) entry (admin guide: Mail routing). A third-party host in front is a warning: the
 * guide says the Inconsistent status is safe to ignore behind a mail proxy. Never throws.
 */
export function checkMx(ctx: CheckContext): Promise<RecordCheck> {
  const exp = ctx.expected.mx;
  const name = ctx.domain;
  const base = {
    id: "mx",
    section: "WorkMail configuration",
    type: "MX",
    name,
    required: true,
    expected: exp ? `${exp.preference} ${exp.exchange}` : undefined,
  } as const;
  return guarded(base, async () => {
    if (exp === undefined) return { ...base, status: "Skipped", found: [], findings: [], pending: false };
    const fix = `set ${zoneLine(name, "MX", `${exp.preference} ${exp.exchange}`)} as the only MX record`;
    return judgeMx(
      ctx,
      base,
      (mx) => parseMx(mx, exp.exchange),
      "workmail",
      (shape, actual): MxShapeOutcome => {
        switch (shape.kind) {
          case "workmail":
            return {
              inconsistent: false,
              findings:
                shape.others.length === 0
                  ? []
                  : [
                      finding(
                        "MX_NOT_ONLY",
                        "warning",
                        `other MX hosts follow WorkMail's (${shape.others.map((r) => `${r.preference} ${r.exchange}`).join(", ")}); the guide says WorkMail should be the only entry`,
                        {
                          actual,
                          fix: "remove the other MX records unless they are a deliberate backup",
                        },
                      ),
                    ],
            };
          case "workmail-not-first":
            return {
              inconsistent: true,
              findings: [
                finding(
                  "MX_NOT_LOWEST",
                  "warning",
                  `${shape.before.map((r) => `${r.preference} ${r.exchange}`).join(", ")} comes before WorkMail's endpoint: mail goes there first`,
                  {
                    expected: base.expected,
                    actual,
                    fix: `${fix}; if that host is a mail proxy that forwards to WorkMail, this is expected (the guide: safe to ignore)`,
                  },
                ),
              ],
            };
          case "wrong-region":
            return {
              inconsistent: true,
              findings: [
                finding(
                  "MX_WRONG_REGION",
                  "error",
                  `the MX points at WorkMail's ${shape.region} endpoint, but the organization is in ${ctx.expected.region ?? "another region"}`,
                  { expected: base.expected, actual, fix },
                ),
              ],
            };
          default:
            return {
              inconsistent: true,
              findings: [
                finding(
                  "MX_NOT_WORKMAIL",
                  "warning",
                  `the MX points elsewhere (${shape.kind === "other" ? shape.hosts.map((r) => r.exchange).join(", ") : ""}): mail does not reach WorkMail directly`,
                  {
                    expected: base.expected,
                    actual,
                    fix: `${fix} once mailboxes are migrated; if those hosts are a mail proxy in front of WorkMail, this is expected (the guide: safe to ignore)`,
                  },
                ),
              ],
            };
        }
      },
    );
  });
}

/**
 * DMARC policy records, parsed without any DNS. The tag set is RFC 9989's (which obsoletes
 * RFC 7489): v, p, sp, np, psd, t, adkim, aspf, fo, rua, ruf. RFC 9989 removed pct, rf and ri,
 * says unknown tags MUST be ignored, treats a record without p as p=none, and no longer requires
 * p to follow v or honours the `!size` suffix of report URIs; those get notes, since receivers that
 * still implement RFC 7489 read records the old way. Pure; never throws.
 */
type DmarcPolicy = "none" | "quarantine" | "reject";

interface DmarcTag {
  readonly name: string;
  readonly value: string;
}

interface DmarcProblem {
  readonly code: string;
  readonly severity: "error" | "warning" | "info";
  readonly message: string;
  readonly fix?: string;
}

export interface ParsedDmarc {
  readonly raw: string;
  readonly tags: readonly DmarcTag[];
  readonly policy: DmarcPolicy | undefined;
  readonly subdomainPolicy: DmarcPolicy | undefined;
  readonly problems: readonly DmarcProblem[];
  /** False when receivers would ignore the record altogether. */
  readonly valid: boolean;
}

const KNOWN = new Set(["v", "p", "sp", "np", "psd", "t", "adkim", "aspf", "fo", "rua", "ruf"]);
// A Map, not an object literal: a tag named `constructor` must not find Object.prototype's.
const REMOVED: ReadonlyMap<string, string> = new Map([
  ["pct", "RFC 9989 removed `pct` (receivers following it ignore the tag; for a trial, use `t=y`)"],
  ["rf", "RFC 9989 removed `rf` (failure reports have one format)"],
  ["ri", "RFC 9989 removed `ri` (aggregate reports are sent daily)"],
]);
const POLICIES = new Set(["none", "quarantine", "reject"]);

/** A TXT record is a DMARC record when its first tag is `v=DMARC1`. */
export function isDmarcRecord(txt: string): boolean {
  return /^v\s*=\s*DMARC1\s*(;|$)/i.test(txt.trimStart());
}

function checkUris(tag: string, value: string, problems: DmarcProblem[]): void {
  const uris = value.split(",").map((u) => u.trim());
  for (const uri of uris) {
    const m = /^mailto:([^!\s]+)(!\d+[kmgt]?)?$/i.exec(uri);
    if (m === null) {
      problems.push({
        code: "DMARC_INVALID_URI",
        severity: "error",
        message: `${tag}: \`${uri}\` is not a mailto: URI`,
        fix: `${tag}=mailto:dmarc-reports@example.com`,
      });
      continue;
    }
    if (!/^[^@\s]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(m[1] as string)) {
      problems.push({
        code: "DMARC_INVALID_URI",
        severity: "error",
        message: `${tag}: \`${m[1] as string}\` is not an email address`,
      });
    }
    if (m[2] !== undefined) {
      problems.push({
        code: "DMARC_URI_SIZE_LIMIT",
        severity: "info",
        message: `${tag}: the \`${m[2]}\` size limit is obsolete syntax; RFC 9989 receivers ignore it`,
      });
    }
  }
  if (uris.length > 2)
    problems.push({
      code: "DMARC_MANY_URIS",
      severity: "warning",
      message: `${tag} lists ${uris.length} addresses; some receivers send reports to the first two only`,
    });
}

export function parseDmarc(text: string): ParsedDmarc {
  const problems: DmarcProblem[] = [];
  const tags: DmarcTag[] = [];
  const invalid = (message: string, fix?: string): ParsedDmarc => ({
    raw: text,
    tags,
    policy: undefined,
    subdomainPolicy: undefined,
    problems: [
      ...problems,
      { code: "DMARC_SYNTAX", severity: "error", message, ...(fix === undefined ? {} : { fix }) },
    ],
    valid: false,
  });
  if (text !== text.trimStart())
    return invalid("the record starts with whitespace: receivers do not see a DMARC record");
  if (/^"/.test(text)) return invalid("the record starts with a quote character: the quotes are part of the value");
  const parts = text.split(";").map((p) => p.trim());
  const seen = new Set<string>();
  for (const [i, part] of parts.entries()) {
    if (part === "") continue;
    const m = /^([a-z][a-z0-9_]*)\s*=\s*(.*)$/i.exec(part);
    if (m === null) {
      const fix = /[,:]/.test(part) && i > 0 ? "separate tags with `;`" : undefined;
      return invalid(`\`${part}\` is not a tag=value pair`, fix);
    }
    const name = (m[1] as string).toLowerCase();
    const value = m[2] as string;
    if (seen.has(name)) return invalid(`the tag \`${name}\` appears twice`);
    seen.add(name);
    tags.push({ name, value });
  }
  const first = tags[0];
  if (first === undefined || first.name !== "v") return invalid("the first tag must be `v=DMARC1`");
  if (first.value !== "DMARC1") {
    if (/^DMARC1[\s,]+\S/.test(first.value))
      return invalid(`\`v=${first.value}\`: tags must be separated by \`;\``, "write `v=DMARC1; p=...`");
    return invalid(`\`v=${first.value}\`: the version must be exactly \`DMARC1\``);
  }
  const get = (n: string) => tags.find((t) => t.name === n)?.value;
  const policyOf = (n: string): DmarcPolicy | undefined => {
    const v = get(n);
    if (v === undefined) return undefined;
    if (!POLICIES.has(v.toLowerCase())) {
      problems.push({
        code: "DMARC_INVALID_VALUE",
        severity: "error",
        message: `\`${n}=${v}\`: use none, quarantine or reject`,
      });
      return undefined;
    }
    return v.toLowerCase() as DmarcPolicy;
  };
  const policy = policyOf("p");
  const subdomainPolicy = policyOf("sp");
  policyOf("np");
  if (get("p") === undefined) {
    problems.push({
      code: "DMARC_P_MISSING",
      severity: "warning",
      message: "no `p=` tag: RFC 9989 receivers apply p=none, RFC 7489 receivers ignore the whole record",
      fix: "add `p=quarantine` (or `p=none` to monitor first)",
    });
  } else if ((tags[1] as DmarcTag).name !== "p") {
    problems.push({
      code: "DMARC_P_NOT_SECOND",
      severity: "info",
      message: "`p=` does not follow `v=DMARC1`; RFC 9989 allows this, RFC 7489 receivers may not",
    });
  }
  if (policy === "none") {
    problems.push({
      code: "DMARC_POLICY_NONE",
      severity: "warning",
      message: "`p=none` only monitors: spoofed mail is still delivered",
      fix: "move to `p=quarantine` once reports look clean",
    });
  }
  for (const t of tags) {
    const removed = REMOVED.get(t.name);
    if (removed !== undefined) {
      problems.push({ code: "DMARC_REMOVED_TAG", severity: "info", message: `\`${t.name}=${t.value}\`: ${removed}` });
      if (t.name === "pct" && /^\d+$/.test(t.value) && Number(t.value) < 100) {
        problems.push({
          code: "DMARC_PARTIAL_PCT",
          severity: "warning",
          message: `\`pct=${t.value}\`: older receivers apply the policy to ${t.value}% of failing mail, RFC 9989 receivers to all of it`,
          fix: "use `t=y` while testing, then drop it",
        });
      }
      continue;
    }
    if (!KNOWN.has(t.name)) {
      problems.push({
        code: "DMARC_UNKNOWN_TAG",
        severity: "warning",
        message: `\`${t.name}\` is not a DMARC tag; receivers ignore it`,
      });
      continue;
    }
    const v = t.value.toLowerCase();
    const bad = (allowed: string) =>
      problems.push({
        code: "DMARC_INVALID_VALUE",
        severity: "error",
        message: `\`${t.name}=${t.value}\`: use ${allowed}`,
      });
    switch (t.name) {
      case "adkim":
      case "aspf":
        if (v !== "r" && v !== "s") bad("r (relaxed) or s (strict)");
        break;
      case "t":
        if (v !== "y" && v !== "n") bad("y or n");
        else if (v === "y")
          problems.push({
            code: "DMARC_TESTING",
            severity: "info",
            message: "`t=y`: the domain is testing its policy; receivers may apply a milder one",
          });
        break;
      case "psd":
        if (v !== "y" && v !== "n" && v !== "u") bad("y, n or u");
        break;
      case "fo":
        if (!/^[01ds](:[01ds])*$/.test(v)) bad("0, 1, d, s or a colon-separated list of them");
        else if (get("ruf") === undefined)
          problems.push({
            code: "DMARC_FO_WITHOUT_RUF",
            severity: "info",
            message: "`fo=` has no effect without `ruf=`",
          });
        break;
      case "rua":
      case "ruf":
        checkUris(t.name, t.value, problems);
        break;
    }
  }
  return {
    raw: text,
    tags,
    policy: policy ?? (get("p") === undefined ? "none" : undefined),
    subdomainPolicy,
    problems,
    valid: !problems.some((p) => p.severity === "error"),
  };
}

import { isIPv4, isIPv6 } from "node:net";

/**
 * SPF records (RFC 7208), parsed without any DNS: the grammar of section 12, the processing limits
 * of section 4.6.4 come later (spf-lookups.ts). Pure; never throws.
 */
type Qualifier = "+" | "-" | "~" | "?";
type MechanismName = "all" | "include" | "a" | "mx" | "ptr" | "ip4" | "ip6" | "exists";

interface Mechanism {
  readonly kind: "mechanism";
  readonly raw: string;
  readonly qualifier: Qualifier;
  /** Whether the qualifier was written (`-all`) or implied (`all` is `+all`). */
  readonly explicitQualifier: boolean;
  readonly name: MechanismName;
  /** The domain-spec or network after `:` (lower-case for domains). */
  readonly value: string | undefined;
  readonly cidr4: number | undefined;
  readonly cidr6: number | undefined;
}

interface Modifier {
  readonly kind: "modifier";
  readonly raw: string;
  readonly name: string;
  readonly value: string;
}

export type SpfTerm = Mechanism | Modifier;

export interface SpfProblem {
  readonly code: string;
  readonly severity: "error" | "warning" | "info";
  readonly message: string;
  readonly term?: string;
  readonly fix?: string;
}

export interface ParsedSpf {
  readonly raw: string;
  readonly terms: readonly SpfTerm[];
  readonly problems: readonly SpfProblem[];
  /** The `all` mechanism, if any. */
  readonly all: Mechanism | undefined;
  readonly redirect: string | undefined;
}

const MECHANISMS = new Set<MechanismName>(["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"]);
/** Mechanisms and modifiers that cost a DNS lookup (RFC 7208 section 4.6.4). */
export const LOOKUP_TERMS = new Set(["include", "a", "mx", "ptr", "exists", "redirect"]);
/** RFC 7208 recommends keeping a record small enough for one UDP answer; checkdmarc warns past 450 bytes. */
const SPF_SIZE_ADVICE = 450;

/** A TXT record is an SPF record when it starts with `v=spf1` followed by a space or its end (section 4.5). */
export function isSpfRecord(txt: string): boolean {
  return /^v=spf1( |$)/i.test(txt);
}

/** Something that was meant to be SPF but will not be recognised as such: `"v=spf1 ..."` with quotes, `v=spf1include:`, ` v=spf1`. */
export function looksLikeBrokenSpf(txt: string): string | undefined {
  if (isSpfRecord(txt)) return undefined;
  const t = txt.trimStart();
  if (/^"+\s*v=spf1/i.test(t))
    return "the record starts with a quote character: the quotes are part of the value, so receivers do not see an SPF record";
  // txt itself is not SPF, so a trimmed t that is had leading whitespace.
  if (isSpfRecord(t)) return "the record starts with whitespace: receivers do not see an SPF record";
  if (/^v=spf1\S/i.test(t)) return "`v=spf1` must be followed by a space";
  if (/^v\s*=\s*spf1/i.test(t)) return "the version must be written `v=spf1` exactly, without spaces";
  if (/^spf1\b/i.test(t) || /^v=spf[02-9]/i.test(t)) return "the version tag must be `v=spf1`";
  return undefined;
}

function problem(
  code: string,
  severity: SpfProblem["severity"],
  message: string,
  term?: string,
  fix?: string,
): SpfProblem {
  return { code, severity, message, ...(term === undefined ? {} : { term }), ...(fix === undefined ? {} : { fix }) };
}

/** RFC 7208 section 7.1 macro-string: `%{x}`, `%%`, `%_`, `%-`, and visible characters otherwise. */
function validMacroString(s: string): boolean {
  return /^(?:%\{[slodiphcrtv]\d*r?[.\-+,/_=]*\}|%%|%_|%-|[\x21-\x24\x26-\x7e])*$/i.test(s);
}

/** A domain-spec: a macro-string ending in a top label with a letter (or in a macro). */
function validDomainSpec(s: string): boolean {
  if (!validMacroString(s)) return false;
  if (/%\{[^}]*\}\.?$/.test(s)) return true;
  const labels = s.replace(/\.$/, "").split(".");
  if (labels.length < 2 || labels.some((l) => l === "")) return false;
  const top = labels[labels.length - 1] as string;
  return /^[a-z0-9-]*[a-z][a-z0-9-]*$/i.test(top) && !top.startsWith("-") && !top.endsWith("-");
}

function parseCidr(
  rest: string,
  allowIp4: boolean,
  allowIp6: boolean,
): { cidr4: number | undefined; cidr6: number | undefined } | undefined {
  // dual-cidr-length = [ "/" ip4-cidr ] [ "//" ip6-cidr ]
  const m = /^(?:\/(\d{1,3}))?(?:\/\/(\d{1,3}))?$/.exec(rest);
  if (m === null) return undefined;
  const c4 = m[1] === undefined ? undefined : Number(m[1]);
  const c6 = m[2] === undefined ? undefined : Number(m[2]);
  if (c4 !== undefined && (!allowIp4 || c4 > 32 || /^0\d/.test(m[1] as string))) return undefined;
  if (c6 !== undefined && (!allowIp6 || c6 > 128 || /^0\d/.test(m[2] as string))) return undefined;
  return { cidr4: c4, cidr6: c6 };
}

function parseTerm(raw: string): SpfTerm | SpfProblem {
  const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(raw);
  if (modifier !== null) {
    const name = (modifier[1] as string).toLowerCase();
    const value = modifier[2] as string;
    if ((name === "redirect" || name === "exp") && !validDomainSpec(value)) {
      return problem("SPF_SYNTAX", "error", `\`${raw}\`: ${name}= needs a domain name`, raw);
    }
    if (!validMacroString(value))
      return problem("SPF_SYNTAX", "error", `\`${raw}\`: invalid characters in the modifier's value`, raw);
    return { kind: "modifier", raw, name, value };
  }
  const glued = /^(.*[^+\-~?\s])([+\-~?]all)$/i.exec(raw);
  if (glued !== null) {
    return problem(
      "SPF_SYNTAX",
      "error",
      `\`${raw}\` is not a valid term: a space is missing before \`${glued[2]}\``,
      raw,
      `write \`${glued[1]} ${glued[2]}\``,
    );
  }
  const m = /^([+\-~?]?)([a-z0-9]+)(.*)$/i.exec(raw);
  if (m === null || !MECHANISMS.has((m[2] as string).toLowerCase() as MechanismName)) {
    return problem("SPF_SYNTAX", "error", `\`${raw}\` is not an SPF mechanism or modifier`, raw);
  }
  const qualifierText = m[1] as string;
  const name = (m[2] as string).toLowerCase();
  let rest = m[3] as string;
  const stray = /^[^\w:/=.%]+$/.exec(rest);
  if (stray !== null) {
    const clean = `${qualifierText}${name}`;
    return problem(
      "SPF_SYNTAX",
      "error",
      `\`${raw}\` is not a valid term (stray \`${stray[0]}\` after \`${clean}\`)`,
      raw,
      `write \`${clean}\` (SPF terms are separated by spaces, not \`;\` or \`,\`)`,
    );
  }
  const qualifier = (qualifierText === "" ? "+" : qualifierText) as Qualifier;
  const base = {
    kind: "mechanism" as const,
    raw,
    qualifier,
    explicitQualifier: qualifierText !== "",
    name: name as MechanismName,
  };
  let value: string | undefined;
  if (rest.startsWith(":")) {
    const slash = rest.indexOf("/");
    const end = slash === -1 ? rest.length : slash;
    value = rest.slice(1, end);
    rest = rest.slice(end);
  }
  switch (name as MechanismName) {
    case "all":
      if (value !== undefined || rest !== "")
        return problem("SPF_SYNTAX", "error", `\`${raw}\`: \`all\` takes no argument`, raw);
      return { ...base, value: undefined, cidr4: undefined, cidr6: undefined };
    case "include":
    case "exists":
      if (value === undefined || value === "")
        return problem("SPF_SYNTAX", "error", `\`${raw}\`: ${name} needs a domain (${name}:example.com)`, raw);
      if (rest !== "" || !validDomainSpec(value))
        return problem("SPF_SYNTAX", "error", `\`${raw}\`: \`${value}${rest}\` is not a valid domain`, raw);
      return { ...base, value: value.toLowerCase(), cidr4: undefined, cidr6: undefined };
    case "a":
    case "mx": {
      if (value !== undefined && !validDomainSpec(value))
        return problem("SPF_SYNTAX", "error", `\`${raw}\`: \`${value}\` is not a valid domain`, raw);
      const cidr = parseCidr(rest, true, true);
      if (cidr === undefined)
        return problem("SPF_SYNTAX", "error", `\`${raw}\`: invalid prefix length \`${rest}\``, raw);
      return { ...base, value: value?.toLowerCase(), cidr4: cidr.cidr4, cidr6: cidr.cidr6 };
    }
    case "ptr":
      if (rest !== "" || (value !== undefined && !validDomainSpec(value)))
        return problem("SPF_SYNTAX", "error", `\`${raw}\`: invalid ptr mechanism`, raw);
      return { ...base, value: value?.toLowerCase(), cidr4: undefined, cidr6: undefined };
    case "ip4": {
      if (value === undefined || !isIPv4(value))
        return problem("SPF_INVALID_IP", "error", `\`${raw}\`: \`${value ?? ""}\` is not an IPv4 address`, raw);
      const cidr = parseCidr(rest, true, false);
      if (cidr === undefined)
        return problem("SPF_INVALID_IP", "error", `\`${raw}\`: invalid IPv4 prefix length \`${rest}\` (0-32)`, raw);
      return { ...base, value, cidr4: cidr.cidr4, cidr6: undefined };
    }
    case "ip6": {
      if (value === undefined || !isIPv6(value))
        return problem("SPF_INVALID_IP", "error", `\`${raw}\`: \`${value ?? ""}\` is not an IPv6 address`, raw);
      const c = /^\/(\d{1,3})$/.exec(rest);
      if (rest !== "" && (c === null || Number(c[1]) > 128))
        return problem("SPF_INVALID_IP", "error", `\`${raw}\`: invalid IPv6 prefix length \`${rest}\` (0-128)`, raw);
      return { ...base, value: value.toLowerCase(), cidr4: undefined, cidr6: c === null ? undefined : Number(c[1]) };
    }
  }
}

export function parseSpf(text: string): ParsedSpf {
  const problems: SpfProblem[] = [];
  const terms: SpfTerm[] = [];
  if (!isSpfRecord(text)) {
    problems.push(
      problem("SPF_SYNTAX", "error", looksLikeBrokenSpf(text) ?? "the record does not start with `v=spf1`"),
    );
    return { raw: text, terms, problems, all: undefined, redirect: undefined };
  }
  // eslint-disable-next-line no-control-regex
  if (/[^\x20-\x7e]/.test(text))
    problems.push(
      problem(
        "SPF_NOT_ASCII",
        "error",
        "the record contains characters outside printable ASCII (tabs, line breaks, smart quotes ...)",
      ),
    );
  const size = Buffer.byteLength(text);
  if (size > SPF_SIZE_ADVICE) {
    problems.push(
      problem(
        "SPF_TOO_LONG",
        "warning",
        `the record is ${size} bytes; keep it under ${SPF_SIZE_ADVICE} so it fits one DNS answer with the rest of the TXT records`,
      ),
    );
  }
  for (const raw of text
    .slice(6)
    .split(" ")
    .filter((t) => t !== "")) {
    const parsed = parseTerm(raw);
    if ("code" in parsed) problems.push(parsed);
    else terms.push(parsed);
  }
  const mechanisms = terms.filter((t): t is Mechanism => t.kind === "mechanism");
  const modifiers = terms.filter((t): t is Modifier => t.kind === "modifier");
  for (const name of ["redirect", "exp"]) {
    if (modifiers.filter((m) => m.name === name).length > 1) {
      problems.push(
        problem(
          "SPF_DUPLICATE_MODIFIER",
          "error",
          `\`${name}=\` appears more than once (a permanent error, RFC 7208 section 6)`,
        ),
      );
    }
  }
  const all = mechanisms.find((m) => m.name === "all");
  const redirect = modifiers.find((m) => m.name === "redirect")?.value.toLowerCase();
  if (all !== undefined) {
    const after = terms.slice(terms.indexOf(all) + 1).filter((t) => t.kind === "mechanism");
    if (after.length > 0) {
      problems.push(
        problem(
          "SPF_TERMS_AFTER_ALL",
          "warning",
          `${after.map((t) => `\`${t.raw}\``).join(", ")} after \`${all.raw}\` will never be evaluated`,
          undefined,
          "move them before `all`",
        ),
      );
    }
    if (redirect !== undefined)
      problems.push(
        problem("SPF_REDIRECT_IGNORED", "warning", "`redirect=` is ignored when the record has an `all` mechanism"),
      );
    if (all.qualifier === "+") {
      problems.push(
        problem(
          "SPF_PASS_ALL",
          "error",
          `\`${all.raw}\` lets every server on the internet send mail as this domain`,
          all.raw,
          "end the record with `~all` or `-all`",
        ),
      );
    } else if (all.qualifier === "?") {
      problems.push(
        problem(
          "SPF_NEUTRAL_ALL",
          "warning",
          "`?all` gives no protection: receivers treat unlisted senders as neutral",
          all.raw,
          "end the record with `~all` or `-all`",
        ),
      );
    }
  } else if (redirect === undefined) {
    problems.push(
      problem(
        "SPF_NO_ALL",
        "warning",
        "the record has no `all` mechanism and no `redirect=`: unlisted senders get a neutral result",
        undefined,
        "end the record with `~all` or `-all`",
      ),
    );
  }
  if (mechanisms.some((m) => m.name === "ptr")) {
    problems.push(
      problem(
        "SPF_PTR",
        "warning",
        "`ptr` is slow and unreliable; RFC 7208 section 5.5 says it SHOULD NOT be used",
        undefined,
        "list the sending addresses with ip4:/ip6: instead",
      ),
    );
  }
  for (const m of modifiers) {
    if (m.name !== "redirect" && m.name !== "exp")
      problems.push(
        problem("SPF_UNKNOWN_MODIFIER", "info", `\`${m.raw}\` is not a known modifier; receivers ignore it`, m.raw),
      );
  }
  return { raw: text, terms, problems, all, redirect };
}

/** The terms that cost a DNS lookup, in order. */
export function lookupTerms(spf: ParsedSpf): SpfTerm[] {
  return spf.terms.filter((t) => LOOKUP_TERMS.has(t.name));
}

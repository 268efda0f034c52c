import { articled, parseCharacterStrings, quoteTxt } from "../../dns-verify/presentation.js";
import { isDmarcRecord } from "../../dns-verify/records/dmarc-parse.js";
import { isSpfRecord, parseSpf } from "../../dns-verify/records/spf-parse.js";
import type { RecordRow } from "./view.js";

/** A record set as the zone holds it (from ListResourceRecordSets). */
export interface ExistingSet {
  readonly name: string;
  readonly type: string;
  readonly ttl: number | undefined;
  /** Presentation format, as Route 53 returns it (TXT quoted). */
  readonly values: readonly string[];
  readonly alias: boolean;
}

export interface PlanItem {
  readonly action: "create" | "update" | "unchanged" | "skip";
  readonly purpose: string;
  readonly type: string;
  /** Without the trailing dot. */
  readonly name: string;
  readonly ttl: number;
  /** Values as text (TXT unquoted, host names without the trailing dot). */
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly note?: string;
}

const bare = (n: string) => n.toLowerCase().replace(/\.$/, "");

/** A presentation value as comparable text: TXT character-strings joined, host names bare. */
export function valueText(type: string, value: string): string {
  if (type === "TXT") {
    const parsed = parseCharacterStrings(value);
    return "strings" in parsed ? parsed.strings.join("") : value.replace(/^"(.*)"$/s, "$1");
  }
  if (type === "CNAME") return bare(value);
  if (type === "MX") return value.trim().replace(/^(\d+)\s+(\S+)$/, (_m, p: string, h: string) => `${p} ${bare(h)}`);
  return value.trim();
}

/** A text value back to presentation format for Route 53. */
export function presentation(type: string, text: string): string {
  if (type === "TXT") return quoteTxt(text);
  if (type === "CNAME") return `${text}.`;
  if (type === "MX") return text.replace(/^(\d+)\s+(\S+)$/, "$1 $2.");
  return text;
}

/** SPF with include:amazonses.com added before `all` / `redirect=` (or at the end). */
export function mergeSpf(record: string): string {
  const terms = record.trim().split(/\s+/);
  const at = terms.findIndex((t, i) => i > 0 && (/^[+\-~?]?all$/i.test(t) || /^redirect=/i.test(t)));
  const include = "include:amazonses.com";
  if (at === -1) return [...terms, include].join(" ");
  return [...terms.slice(0, at), include, ...terms.slice(at)].join(" ");
}

function includesSes(record: string): boolean {
  return parseSpf(record).terms.some(
    (t) => t.name === "include" && t.kind === "mechanism" && t.value === "amazonses.com",
  );
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

/**
 * What `domain apply` changes, record set by record set, merging with what the zone already holds
 * so nothing of the admin's is lost: other TXT values stay (other verification tokens, other
 * regions' `_amazonses` values), an existing SPF record gets `include:amazonses.com` added instead
 * of being replaced, an existing DMARC policy is kept. Pure.
 */
export function planRecordSets(
  rows: readonly RecordRow[],
  existing: readonly ExistingSet[],
  options: { skipMx?: boolean } = {},
): PlanItem[] {
  const at = (name: string, type: string) => existing.find((s) => bare(s.name) === name && s.type === type);
  const texts = (s: ExistingSet | undefined, type: string) =>
    s === undefined ? [] : s.values.map((v) => valueText(type, v));
  const groups = new Map<string, RecordRow[]>();
  for (const r of rows) groups.set(`${r.name}|${r.type}`, [...(groups.get(`${r.name}|${r.type}`) ?? []), r]);
  const plan: PlanItem[] = [];
  for (const group of groups.values()) {
    const first = group[0] as RecordRow;
    const { name, type, purpose, ttl } = first;
    const current = at(name, type);
    const before = texts(current, type);
    const wanted = group.map((r) => valueText(type, r.value));
    const item = (action: PlanItem["action"], after: readonly string[], note?: string): PlanItem => ({
      action,
      purpose,
      type,
      name,
      ttl,
      before,
      after,
      ...(note === undefined ? {} : { note }),
    });
    const decide = (after: readonly string[], note?: string): PlanItem =>
      current === undefined
        ? item("create", after, note)
        : sameSet(before, after)
          ? item("unchanged", before, note)
          : item("update", after, note);

    if (current?.alias) {
      plan.push(item("skip", before, `${name} ${type} is an alias record; change it by hand`));
      continue;
    }
    if (type === "MX" && options.skipMx) {
      plan.push(item("skip", before, "--skip-mx: mail keeps going where it goes now"));
      continue;
    }
    if (type === "CNAME") {
      const other = existing.find((s) => bare(s.name) === name && s.type !== "CNAME");
      if (other !== undefined) {
        plan.push(
          item(
            "skip",
            texts(other, other.type),
            `${name} has ${articled(other.type)} record; a CNAME cannot share its name`,
          ),
        );
        continue;
      }
      plan.push(decide(wanted));
      continue;
    }
    if (type === "MX") {
      const others = before.filter((v) => !wanted.includes(v));
      plan.push(
        decide(
          wanted,
          others.length > 0 ? `replaces ${others.join(", ")}: mail goes to WorkMail once this propagates` : undefined,
        ),
      );
      continue;
    }
    if (type === "TXT" && purpose === "SPF") {
      const spf = before.filter(isSpfRecord);
      const rest = before.filter((v) => !isSpfRecord(v));
      if (spf.length > 1) {
        plan.push(
          item(
            "skip",
            before,
            `${name} has ${spf.length} SPF records; merge them into one by hand (with include:amazonses.com)`,
          ),
        );
        continue;
      }
      const existingSpf = spf[0];
      if (existingSpf === undefined) plan.push(decide([...rest, ...wanted]));
      else if (includesSes(existingSpf)) plan.push(decide(before));
      else plan.push(decide([...rest, mergeSpf(existingSpf)], "adds include:amazonses.com to your SPF record"));
      continue;
    }
    if (type === "TXT" && purpose === "DMARC" && before.some(isDmarcRecord)) {
      plan.push(decide(before, "keeps your DMARC policy"));
      continue;
    }
    if (type === "TXT") {
      // Ownership tokens and other TXT values accumulate: other regions or accounts may need theirs.
      plan.push(decide([...before, ...wanted.filter((w) => !before.includes(w))]));
      continue;
    }
    plan.push(decide(wanted));
  }
  return plan;
}

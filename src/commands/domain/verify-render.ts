import type { AutodiscoverReport } from "../../autodiscover/types.js";
import type { Finding, RecordCheck } from "../../dns-verify/findings.js";
import type { DomainReport } from "../../dns-verify/verify-domain.js";
import type { Style } from "../../output/style.js";

export interface AutodiscoverSummary {
  readonly status: AutodiscoverReport["status"];
  readonly workingMethod: string | undefined;
  readonly methods: ReadonlyArray<{ id: string; title: string; status: string; url: string | undefined; codes: string[] }>;
}

export function summarizeAutodiscover(r: AutodiscoverReport): AutodiscoverSummary {
  const codes = (steps: AutodiscoverReport["methods"][number]["steps"]): string[] => steps.flatMap((s) => [...(s.code ? [s.code] : []), ...codes(s.children ?? [])]);
  return { status: r.status, workingMethod: r.workingMethod, methods: r.methods.map((m) => ({ id: m.id, title: m.title, status: m.status, url: m.url, codes: codes(m.steps) })) };
}

/** One line per record for TSV / CSV (and --fields). */
export function checkRow(c: RecordCheck & { ok: boolean }) {
  const ttl = c.found.find((o) => o.ttl !== undefined)?.ttl;
  return {
    id: c.id,
    section: c.section,
    type: c.type,
    name: c.name,
    status: c.status,
    ok: c.ok,
    required: c.required,
    expected: c.expected,
    found: [...new Set(c.found.flatMap((o) => o.values))],
    ttl,
    servers: c.found.map((o) => o.server),
    codes: c.findings.map((f) => f.code),
    fix: c.findings.find((f) => f.fix !== undefined)?.fix,
  };
}

export const VERIFY_FIELDS = ["id", "section", "type", "name", "status", "ok", "required", "expected", "found", "ttl", "servers", "codes", "fix"] as const;

function icon(style: Style, c: { ok: boolean; status: string }): string {
  if (c.ok && (c.status === "Verified" || c.status === "Skipped")) return style.green("✓");
  if (c.ok) return style.yellow("!");
  if (c.status === "Pending" || c.status === "Missing" || c.status === "Unreachable") return style.yellow("…");
  return style.red("✗");
}

function findingLines(style: Style, f: Finding, indent: string): string[] {
  const color = f.severity === "error" ? style.red : f.severity === "warning" ? style.yellow : style.dim;
  const lines = [`${indent}${color(f.code)}  ${f.message}`];
  if (f.expected !== undefined) lines.push(`${indent}  ${style.dim("expected")}  ${f.expected}`);
  if (f.actual !== undefined && f.actual.length > 0) lines.push(`${indent}  ${style.dim("found   ")}  ${f.actual.join(" | ")}`);
  if (f.fix !== undefined) lines.push(`${indent}  ${style.dim("fix     ")}  ${f.fix}`);
  return lines;
}

const AD_ICON: Record<string, (s: Style) => string> = {
  pass: (s) => s.green("✓"),
  warn: (s) => s.yellow("!"),
  fail: (s) => s.red("✗"),
  skip: (s) => s.dim("-"),
};

/** The report as a person reads it on a terminal: by console section, findings under each record. */
export function renderReport(report: DomainReport, autodiscover: AutodiscoverSummary | undefined, style: Style, notes: { serversNote?: string } = {}): string {
  const out: string[] = [];
  const servers = report.servers.map((s) => `${s.server}${s.nsName ? ` (${s.nsName})` : ""}`).join(", ") || "no server";
  out.push(`${style.bold(report.domain)}${report.region ? `  ${report.region}` : ""}  ${style.dim(`${report.checks.length} records, ${report.queries} queries to ${servers}${notes.serversNote ? ` ${notes.serversNote}` : ""}, ${report.elapsedMs} ms`)}`);
  if (report.service !== undefined) {
    out.push(style.dim(`WorkMail says: ownership ${report.service.ownership ?? "?"}, DKIM ${report.service.dkim ?? "?"}`));
  }
  for (const f of report.findings) out.push(...findingLines(style, f, "  "));
  if (report.isTestDomain) out.push("", `${style.green("✓")} ${report.domain} is WorkMail's test domain: WorkMail manages its records.`);
  let section = "";
  const width = Math.max(0, ...report.checks.map((c) => c.name.length));
  for (const c of report.checks) {
    if (c.section !== section) {
      section = c.section;
      out.push("", style.bold(section));
    }
    const ttl = c.found.find((o) => o.ttl !== undefined)?.ttl;
    const status = style.state(c.status.padEnd(12));
    out.push(`  ${icon(style, c)} ${status} ${c.type.padEnd(5)} ${c.name.padEnd(width)}${ttl === undefined ? "" : style.dim(`  ttl ${ttl}`)}${c.required ? "" : style.dim("  (recommended)")}`);
    for (const f of c.findings) out.push(...findingLines(style, f, "      "));
  }
  if (autodiscover !== undefined) {
    out.push("", style.bold("AutoDiscover") + style.dim(`  (details: wmctl autodiscover check ${report.domain})`));
    for (const m of autodiscover.methods) {
      const icn = (AD_ICON[m.status] ?? AD_ICON.skip)?.(style) ?? "-";
      out.push(`  ${icn} ${m.title}${m.url ? style.dim(`  ${m.url}`) : ""}${m.codes.length ? `  ${style.dim(m.codes.join(", "))}` : ""}`);
    }
  }
  const s = report.summary;
  const verdict =
    report.status === "verified" ? style.green("verified")
    : report.status === "pending" ? style.yellow("pending")
    : style.red("failed");
  out.push("", `Result: ${verdict}  ${style.dim(`${s.passed} passed, ${s.failed} failed, ${s.pending} pending, ${s.warnings} warning${s.warnings === 1 ? "" : "s"}`)}`);
  return out.join("\n") + "\n";
}

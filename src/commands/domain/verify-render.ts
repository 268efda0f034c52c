import { stepCodes, type AutodiscoverReport, type StepStatus } from "../../autodiscover/types.js";
import type { Finding, RecordCheck } from "../../dns-verify/findings.js";
import { PROVIDER_LABELS } from "../../dns-verify/provider-profiles.js";
import type { DomainReport } from "../../dns-verify/verify-domain.js";
import type { Style } from "../../output/style.js";
import { displayWidth } from "../../output/table-layout.js";

export interface AutodiscoverSummary {
  readonly status: AutodiscoverReport["status"];
  readonly workingMethod: string | undefined;
  readonly methods: ReadonlyArray<{
    id: string;
    title: string;
    status: StepStatus;
    url: string | undefined;
    codes: string[];
  }>;
}

export function summarizeAutodiscover(r: AutodiscoverReport): AutodiscoverSummary {
  return {
    status: r.status,
    workingMethod: r.workingMethod,
    methods: r.methods.map((m) => ({
      id: m.id,
      title: m.title,
      status: m.status,
      url: m.url,
      codes: stepCodes(m.steps),
    })),
  };
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

export const VERIFY_FIELDS = [
  "id",
  "section",
  "type",
  "name",
  "status",
  "ok",
  "required",
  "expected",
  "found",
  "ttl",
  "servers",
  "codes",
  "fix",
] as const;

function icon(style: Style, c: { ok: boolean; status: string }): string {
  if (c.ok && (c.status === "Verified" || c.status === "Skipped")) return style.green("✓");
  if (c.ok) return style.yellow("!");
  if (c.status === "Pending" || c.status === "Missing" || c.status === "Unreachable") return style.yellow("…");
  return style.red("✗");
}

function findingLines(style: Style, f: Finding, indent: string): string[] {
  const color = f.severity === "error" ? style.red : f.severity === "warning" ? style.yellow : style.dim;
  // Notes read as notes without colour too: only errors and warnings are problems.
  const lines = [`${indent}${color(f.code)}${f.severity === "info" ? style.dim(" (note)") : ""}  ${f.message}`];
  if (f.expected !== undefined) lines.push(`${indent}  ${style.dim("expected")}  ${f.expected}`);
  if (f.actual !== undefined && f.actual.length > 0)
    lines.push(`${indent}  ${style.dim("found   ")}  ${f.actual.join(" | ")}`);
  if (f.fix !== undefined) lines.push(`${indent}  ${style.dim("fix     ")}  ${f.fix}`);
  return lines;
}

/** An AutoDiscover step's or method's status as one coloured character (here and in `autodiscover check`). */
export function statusIcon(style: Style, status: StepStatus): string {
  if (status === "pass") return style.green("✓");
  if (status === "warn") return style.yellow("!");
  if (status === "fail") return style.red("✗");
  return style.dim("-");
}

/** The report as a person reads it on a terminal: by console section, findings under each record. */
export function renderReport(
  report: DomainReport,
  autodiscover: AutodiscoverSummary | undefined,
  style: Style,
  notes: { serversNote?: string; width?: number } = {},
): string {
  const maxWidth = notes.width ?? Number.POSITIVE_INFINITY;
  const out: string[] = [];
  const servers = report.servers.map((s) => `${s.server}${s.nsName ? ` (${s.nsName})` : ""}`).join(", ") || "no server";
  const whose = report.provider === "workmail" ? "" : `  for ${PROVIDER_LABELS[report.provider]}`;
  out.push(
    `${style.bold(report.domain)}${whose}${report.region ? `  ${report.region}` : ""}  ${style.dim(`${report.checks.length} records, ${report.queries} queries to ${servers}${notes.serversNote ? ` ${notes.serversNote}` : ""}, ${report.elapsedMs} ms`)}`,
  );
  if (report.service !== undefined) {
    out.push(
      style.dim(`WorkMail says: ownership ${report.service.ownership ?? "?"}, DKIM ${report.service.dkim ?? "?"}`),
    );
  }
  for (const f of report.findings) out.push(...findingLines(style, f, "  "));
  if (report.isTestDomain)
    out.push("", `${style.green("✓")} ${report.domain} is WorkMail's test domain: WorkMail manages its records.`);
  let section = "";
  const width = Math.max(0, ...report.checks.map((c) => c.name.length));
  for (const c of report.checks) {
    if (c.section !== section) {
      section = c.section;
      out.push("", style.bold(section));
    }
    const ttl = c.found.find((o) => o.ttl !== undefined)?.ttl;
    const status = style.state(c.status.padEnd(12));
    const head = `  ${icon(style, c)} ${status} ${c.type.padEnd(5)} `;
    const extras = [ttl === undefined ? "" : `ttl ${ttl}`, c.required ? "" : "(recommended)"]
      .filter((x) => x !== "")
      .join("  ");
    const tail = extras === "" ? "" : style.dim(`  ${extras}`);
    // Aligned when it fits the terminal; else right after the name; else the TTL goes under the name
    // (the name stays whole on its line, never a stray wrap).
    const line = [`${head}${c.name.padEnd(width)}${tail}`, `${head}${c.name}${tail}`].find(
      (l) => displayWidth(l) <= maxWidth,
    );
    if (line !== undefined) out.push(line);
    else
      out.push(`${head}${c.name}`, ...(extras === "" ? [] : [`${" ".repeat(displayWidth(head))}${style.dim(extras)}`]));
    for (const f of c.findings) out.push(...findingLines(style, f, "      "));
  }
  if (autodiscover !== undefined) {
    out.push("", style.bold("AutoDiscover") + style.dim(`  (details: wmctl autodiscover check ${report.domain})`));
    for (const m of autodiscover.methods) {
      out.push(
        `  ${statusIcon(style, m.status)} ${m.title}${m.url ? style.dim(`  ${m.url}`) : ""}${m.codes.length ? `  ${style.dim(m.codes.join(", "))}` : ""}`,
      );
    }
  }
  const s = report.summary;
  const verdict =
    report.status === "verified"
      ? style.green("verified")
      : report.status === "pending"
        ? style.yellow("pending")
        : style.red("failed");
  out.push(
    "",
    `Result: ${verdict}  ${style.dim(`${s.passed} passed, ${s.failed} failed, ${s.pending} pending, ${s.warnings} warning${s.warnings === 1 ? "" : "s"}`)}`,
  );
  return out.join("\n") + "\n";
}

import type { Outcome, RecordType } from "./resolver.js";

export type Severity = "error" | "warning" | "info";

/**
 * One thing a check noticed. `code` is stable (JSON consumers key on it); `message` is for people;
 * `fix` says what to change in DNS.
 */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly expected?: string;
  readonly actual?: readonly string[];
  /** The server(s) the finding is about, when it is about some of them. */
  readonly servers?: readonly string[];
  readonly fix?: string;
}

/**
 * The console's two status families (admin guide, Adding a domain): Verified / Pending / Failed for
 * ownership, DKIM and MAIL FROM TXT; Verified / Missing / Inconsistent for MX, SPF, DMARC,
 * MAIL FROM MX and AutoDiscover. `Unreachable` means no server answered at all; `Skipped` that the
 * check did not apply.
 */
export type RecordStatus = "Verified" | "Pending" | "Failed" | "Missing" | "Inconsistent" | "Unreachable" | "Skipped";

/** The console's sections; a target provider's MX and AutoDiscover come under "Mail routing". */
export type Section =
  | "Domain ownership"
  | "WorkMail configuration"
  | "Mail routing"
  | "Improved security"
  | "Improved email delivery";

/** What one server answered for the record. */
export interface Observation {
  readonly server: string;
  readonly outcome: Outcome;
  readonly values: readonly string[];
  readonly ttl?: number;
  readonly authoritative: boolean;
  readonly viaTcp?: boolean;
  readonly error?: string;
}

export interface RecordCheck {
  /** Stable id: ownership, mx, autodiscover, dkim-1..3, spf, dmarc, mail-from-mx, mail-from-txt, record-N. */
  readonly id: string;
  readonly section: Section;
  readonly type: RecordType;
  readonly name: string;
  /** Required records decide the exit code; recommended ones only warn. */
  readonly required: boolean;
  readonly status: RecordStatus;
  readonly expected: string | undefined;
  readonly found: readonly Observation[];
  readonly findings: readonly Finding[];
  /** It may still verify by waiting (not published yet, not everywhere yet, not confirmed yet). */
  readonly pending: boolean;
}

export function finding(
  code: string,
  severity: Severity,
  message: string,
  extra: Omit<Finding, "code" | "severity" | "message"> = {},
): Finding {
  return { code, severity, message, ...extra };
}

/**
 * A record check passes when nothing is missing or unconfirmed and no finding is an error. An
 * Inconsistent record with warnings only passes (a third-party mail proxy in front of WorkMail:
 * the guide says to ignore it).
 */
export function passes(check: RecordCheck): boolean {
  const open =
    check.status === "Missing" ||
    check.status === "Pending" ||
    check.status === "Failed" ||
    check.status === "Unreachable";
  return !open && !check.findings.some((f) => f.severity === "error");
}

/** Checks never throw: an unexpected exception becomes an Unreachable result with its message. */
export async function guarded(
  base: Pick<RecordCheck, "id" | "section" | "type" | "name" | "required" | "expected">,
  run: () => Promise<RecordCheck>,
): Promise<RecordCheck> {
  try {
    return await run();
  } catch (e) {
    return {
      ...base,
      status: "Unreachable",
      found: [],
      pending: true,
      findings: [finding("CHECK_ERROR", "error", `the check itself failed: ${(e as Error).message}`)],
    };
  }
}

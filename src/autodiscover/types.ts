/**
 * An AutoDiscover check is reported like Microsoft's Remote Connectivity Analyzer: a tree of
 * steps, each with a verdict, the evidence, and how to fix it.
 */
export type StepStatus = "pass" | "warn" | "fail" | "skip";

export interface Step {
  /** Stable within its parent: `dns`, `tcp`, `tls`, `unauthenticated`, `authenticated`, `redirect` ... */
  readonly id: string;
  readonly title: string;
  readonly status: StepStatus;
  /** A stable code when the step did not pass (`AD_TLS_NAME_MISMATCH` ...). */
  readonly code?: string;
  readonly evidence: readonly string[];
  readonly fix?: string;
  readonly elapsedMs?: number;
  readonly children?: readonly Step[];
}

export interface Method {
  /** `phase1-scp`, `phase2-root`, `phase2-autodiscover`, `phase3-redirect`, `srv`. */
  readonly id: string;
  readonly title: string;
  readonly url: string | undefined;
  readonly status: StepStatus;
  readonly steps: readonly Step[];
}

export interface AutodiscoverReport {
  readonly domain: string;
  readonly email: string | undefined;
  /** pass: a client finds the endpoint; warn: it does, with problems on the way; fail: it does not. */
  readonly status: StepStatus;
  readonly methods: readonly Method[];
  /** The ActiveSync URL the service returned (with credentials). */
  readonly mobileSyncUrl: string | undefined;
  /** The method a client would use (the first that works, in Outlook's order). */
  readonly workingMethod: string | undefined;
  readonly elapsedMs: number;
}

/** The worst of some statuses (skip counts as nothing). */
export function worst(statuses: readonly StepStatus[]): StepStatus {
  if (statuses.includes("fail")) return "fail";
  if (statuses.includes("warn")) return "warn";
  if (statuses.includes("pass")) return "pass";
  return "skip";
}

/** Every step of a tree, depth first (a method's steps and the steps they led to). */
export function allSteps(steps: readonly Step[]): Step[] {
  return steps.flatMap((s) => [s, ...allSteps(s.children ?? [])]);
}

/** The codes of a tree's steps, depth first. */
export function stepCodes(steps: readonly Step[]): string[] {
  return allSteps(steps).flatMap((s) => (s.code === undefined ? [] : [s.code]));
}

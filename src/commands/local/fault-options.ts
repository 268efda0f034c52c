import type { FaultSettings } from "../../backend/simulator-control.js";
import { UsageError } from "../../errors/cli-error.js";

/** The fault-injection flags of `local serve` and `local faults`. */
export const FAULT_OPTIONS = {
  throttle: {
    kind: "string",
    placeholder: "tps",
    describe: "Answer ThrottlingException beyond this many requests per second (0 or off: no limit)",
  },
  errorRate: {
    kind: "string",
    placeholder: "0..1",
    describe: "Answer this share of requests with 500 InternalFailure",
  },
  latency: {
    kind: "int",
    placeholder: "ms",
    min: 0,
    max: 600_000,
    describe: "Add this many milliseconds to every request",
  },
} as const;

/** The flags given, as a patch of FaultSettings (absent flags are left out). */
export function faultPatch(opts: { throttle?: string; errorRate?: string; latency?: number }): Partial<FaultSettings> {
  const patch: { -readonly [K in keyof FaultSettings]?: FaultSettings[K] } = {};
  if (opts.throttle !== undefined) {
    const t = opts.throttle.trim().toLowerCase();
    const n = Number(t);
    if (t === "off" || t === "0") patch.throttleTps = null;
    else if (t === "" || !Number.isFinite(n) || n <= 0)
      throw new UsageError(`--throttle must be a number of requests per second > 0 (or off), got "${opts.throttle}"`);
    else patch.throttleTps = n;
  }
  if (opts.errorRate !== undefined) {
    const n = Number(opts.errorRate.trim());
    if (opts.errorRate.trim() === "" || !(n >= 0 && n <= 1))
      throw new UsageError(`--error-rate must be a number from 0 to 1, got "${opts.errorRate}"`);
    patch.errorRate = n;
  }
  if (opts.latency !== undefined) patch.latencyMs = opts.latency;
  return patch;
}

/** `5 req/s, 10% errors, +50ms` or `none`. */
export function describeFaults(f: FaultSettings): string {
  const parts: string[] = [];
  if (f.throttleTps !== null) parts.push(`throttle ${f.throttleTps} req/s`);
  if (f.errorRate > 0) parts.push(`${Math.round(f.errorRate * 1000) / 10}% InternalFailure`);
  if (f.latencyMs > 0) parts.push(`+${f.latencyMs}ms latency`);
  return parts.length ? parts.join(", ") : "none";
}

import { NO_FAULTS, type FaultSettings } from "../../backend/simulator-control.js";
import { ControlError } from "../control-error.js";

export type FaultDecision = { kind: "pass" } | { kind: "throttle" } | { kind: "fail" };

/**
 * Fault injection for clients' resilience tests, applied to WorkMail API requests (never to the
 * admin path): a latency added to every request, a token bucket of `throttleTps` requests per
 * second (burst: one second's worth, at least 1) beyond which requests get ThrottlingException,
 * and a share of requests failed with 500 InternalFailure. Settings change at run time.
 */
export class FaultInjector {
  private settings: FaultSettings = NO_FAULTS;
  private tokens = 0;
  private refilledAt = 0;

  constructor(
    initial: Partial<FaultSettings> = {},
    private readonly random: () => number = Math.random,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.update(initial);
  }

  get current(): FaultSettings {
    return this.settings;
  }

  /** Applies a patch (null clears the throttle); the throttle's bucket starts full. */
  update(patch: Partial<FaultSettings>): FaultSettings {
    const unknown = Object.keys(patch).filter((k) => !Object.hasOwn(NO_FAULTS, k));
    if (unknown.length > 0)
      throw new ControlError(
        "ValidationException",
        `unknown fault setting "${unknown[0]}"; known: ${Object.keys(NO_FAULTS).join(", ")}`,
      );
    const next = { ...this.settings, ...patch };
    if (
      next.throttleTps !== null &&
      (typeof next.throttleTps !== "number" || !Number.isFinite(next.throttleTps) || next.throttleTps <= 0)
    ) {
      throw new ControlError(
        "ValidationException",
        "throttleTps must be a number of requests per second > 0 (or null for no limit)",
      );
    }
    if (typeof next.errorRate !== "number" || !(next.errorRate >= 0 && next.errorRate <= 1)) {
      throw new ControlError("ValidationException", "errorRate must be a number from 0 to 1");
    }
    if (
      typeof next.latencyMs !== "number" ||
      !Number.isFinite(next.latencyMs) ||
      next.latencyMs < 0 ||
      next.latencyMs > 600_000
    ) {
      throw new ControlError("ValidationException", "latencyMs must be a number of milliseconds from 0 to 600000");
    }
    if (patch.throttleTps !== undefined) {
      this.tokens = Math.max(1, next.throttleTps ?? 1);
      this.refilledAt = this.clock();
    }
    this.settings = next;
    return next;
  }

  get latencyMs(): number {
    return this.settings.latencyMs;
  }

  /** Decides the fate of one request (after its latency). */
  decide(): FaultDecision {
    const tps = this.settings.throttleTps;
    if (tps !== null) {
      const now = this.clock();
      const burst = Math.max(1, tps);
      this.tokens = Math.min(burst, this.tokens + ((now - this.refilledAt) / 1000) * tps);
      this.refilledAt = now;
      if (this.tokens < 1) return { kind: "throttle" };
      this.tokens -= 1;
    }
    if (this.settings.errorRate > 0 && this.random() < this.settings.errorRate) return { kind: "fail" };
    return { kind: "pass" };
  }
}

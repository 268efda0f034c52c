import { describe, expect, it } from "vitest";
import { FaultInjector } from "../../../../src/local-backend/http/faults.js";

describe("FaultInjector", () => {
  it("lets a burst of one second's worth through, then throttles until tokens come back", () => {
    let now = 0;
    const f = new FaultInjector(
      { throttleTps: 2 },
      () => 0.5,
      () => now,
    );
    expect([f.decide().kind, f.decide().kind, f.decide().kind]).toEqual(["pass", "pass", "throttle"]);
    now += 499;
    expect(f.decide().kind).toBe("throttle");
    now += 2;
    expect(f.decide().kind).toBe("pass");
    f.update({ throttleTps: null });
    expect(Array.from({ length: 10 }, () => f.decide().kind).every((k) => k === "pass")).toBe(true);
  });

  it("fails the share of requests the error rate says, by the random draw", () => {
    const draws = [0.05, 0.5, 0.09, 0.95];
    const f = new FaultInjector(
      { errorRate: 0.1 },
      () => draws.shift() ?? 1,
      () => 0,
    );
    expect([f.decide().kind, f.decide().kind, f.decide().kind, f.decide().kind]).toEqual([
      "fail",
      "pass",
      "fail",
      "pass",
    ]);
  });

  it("refuses settings out of range, keeping the previous ones", () => {
    const f = new FaultInjector({ latencyMs: 10 });
    expect(() => f.update({ errorRate: 1.5 })).toThrow(/errorRate must be a number from 0 to 1/);
    expect(() => f.update({ throttleTps: 0 })).toThrow(/throttleTps/);
    expect(() => f.update({ latencyMs: -1 })).toThrow(/latencyMs/);
    // The admin path passes its JSON body as the patch: a misspelt name is refused, not kept.
    expect(() => f.update({ latency: 5 } as never)).toThrow(
      'unknown fault setting "latency"; known: throttleTps, errorRate, latencyMs',
    );
    expect(f.current).toEqual({ throttleTps: null, errorRate: 0, latencyMs: 10 });
  });
});

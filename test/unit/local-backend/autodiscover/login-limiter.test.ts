import { describe, expect, it } from "vitest";
import { LoginLimiter } from "../../../../src/local-backend/autodiscover/login-limiter.js";

describe("LoginLimiter", () => {
  it("holds a client back after max failures until the oldest leaves the window; a success clears it", () => {
    let now = 1_000_000;
    const limiter = new LoginLimiter({ max: 3, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs("a")).toBe(0);
      limiter.fail("a");
      now += 10_000;
    }
    // Failures at 0 s, 10 s and 20 s; now 30 s: free again at 60 s.
    expect(limiter.retryAfterMs("a")).toBe(30_000);
    expect(limiter.retryAfterMs("b")).toBe(0);
    now += 30_000;
    expect(limiter.retryAfterMs("a")).toBe(0);
    limiter.fail("a");
    expect(limiter.retryAfterMs("a")).toBeGreaterThan(0);
    limiter.succeed("a");
    expect(limiter.retryAfterMs("a")).toBe(0);
  });
});

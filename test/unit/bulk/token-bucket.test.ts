import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../../src/bulk/token-bucket.js";

/** A bucket on a fake clock: sleeping moves the clock. */
function fakeBucket(rate: number | undefined) {
  let now = 0;
  const bucket = new TokenBucket(
    rate,
    () => now,
    async (ms) => {
      now += ms;
    },
  );
  return { bucket, now: () => now };
}

describe("TokenBucket", () => {
  it("lets N requests per second through, whatever the concurrency", async () => {
    const { bucket, now } = fakeBucket(20);
    await Promise.all(Array.from({ length: 200 }, () => bucket.take()));
    // 200 requests at 20/s: about 10 s (a burst of 2 at the start).
    expect(now()).toBeGreaterThan(9_800);
    expect(now()).toBeLessThan(10_100);
  });

  it("does not wait without a ceiling until throttled, then paces from the rate it saw", async () => {
    const { bucket, now } = fakeBucket(undefined);
    for (let i = 0; i < 100; i++) await bucket.take();
    expect(now()).toBe(0);
    expect(bucket.currentRate).toBe(Number.POSITIVE_INFINITY);
    bucket.slowDown();
    expect(bucket.currentRate).toBe(75); // 100 calls in the last second, less a quarter
    expect(bucket.throttled).toBe(1);
  });

  it("slows down by a quarter per throttling answer and climbs back to the ceiling", async () => {
    const { bucket } = fakeBucket(20);
    bucket.slowDown();
    expect(bucket.currentRate).toBe(15);
    bucket.slowDown();
    expect(bucket.currentRate).toBeCloseTo(11.25);
    for (let i = 0; i < 500; i++) bucket.succeeded();
    expect(bucket.currentRate).toBe(20);
  });

  it("never goes below its floor", () => {
    const { bucket } = fakeBucket(1);
    for (let i = 0; i < 50; i++) bucket.slowDown();
    expect(bucket.currentRate).toBe(0.5);
  });
});

import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../../../src/time/duration.js";

describe("durations", () => {
  it.each([
    ["90s", 90_000],
    ["15m", 900_000],
    ["25h", 90_000_000],
    ["7d", 604_800_000],
    ["1h30m", 5_400_000],
    ["250ms", 250],
    ["1500", 1500],
    ["1.5h", 5_400_000],
  ])("%s is %d ms", (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(["", "h", "10x", "5 m", "-1h", "1h 30m"])("rejects %j", (text) => {
    expect(() => parseDuration(text)).toThrow(/invalid duration/);
  });

  it("formats compactly", () => {
    expect(formatDuration(5_400_000)).toBe("1h30m");
    expect(formatDuration(90_061_000)).toBe("1d1h1m1s");
    expect(formatDuration(250)).toBe("250ms");
  });
});

describe("durations an admin types", () => {
  it("refuse a bare number other than 0 (90 would be 90 ms)", async () => {
    const { parseDurationArg } = await import("../../../src/time/duration.js");
    expect(() => parseDurationArg("90")).toThrow('"90" has no unit: write e.g. 90s, 90m or 90h');
    expect(parseDurationArg("0")).toBe(0);
    expect(parseDurationArg("25h")).toBe(90_000_000);
  });
});

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

import { describe, expect, it } from "vitest";
import { canonicalCidr, parseCidr, parseIpv4, rangeContains } from "../../../src/net/ipv4.js";

describe("IPv4 CIDR parsing", () => {
  it.each([
    ["10.0.0.0/8", "10.0.0.0/8", false],
    ["10.1.2.3/8", "10.0.0.0/8", true],
    ["0.0.0.0/0", "0.0.0.0/0", false],
    ["255.255.255.255/32", "255.255.255.255/32", false],
  ])("accepts %s (canonical %s, host bits set: %s)", (text, canonical, hostBits) => {
    const r = parseCidr(text);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(canonicalCidr(r.value)).toBe(canonical);
      expect(r.value.hostBitsSet).toBe(hostBits);
    }
  });

  it.each([
    ["10.0.0.1", "is an address, not a range: write 10.0.0.1/32"],
    ["10.0.0.0/33", 'prefix length in "10.0.0.0/33" must be a whole number 0-32'],
    ["10.0.0.0/", "prefix length"],
    ["10.0.0.256/24", '256 in "10.0.0.256" is larger than 255'],
    ["10.0.0/24", "is not an IPv4 address"],
    ["10.00.0.0/8", "leading zeros"],
    ["10..0.0/8", "has an empty part"],
    ["fe80::/10", "is not an IPv4 address"],
  ])("refuses %s with a clear reason", (text, reason) => {
    const r = parseCidr(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it("says so when a range is given where one address is expected", () => {
    const r = parseIpv4("1.2.3.4/32");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('"1.2.3.4/32" is a range, not an address: give one address, e.g. 1.2.3.4');
  });

  it("tests membership at the edges of a range", () => {
    const r = parseCidr("192.168.4.0/22");
    const ip = (s: string) => {
      const p = parseIpv4(s);
      if (!p.ok) throw new Error(p.reason);
      return p.value;
    };
    if (!r.ok) throw new Error(r.reason);
    expect(rangeContains(r.value, ip("192.168.4.0"))).toBe(true);
    expect(rangeContains(r.value, ip("192.168.7.255"))).toBe(true);
    expect(rangeContains(r.value, ip("192.168.8.0"))).toBe(false);
    expect(rangeContains(r.value, ip("192.168.3.255"))).toBe(false);
  });
});

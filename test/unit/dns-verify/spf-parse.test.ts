import { describe, expect, it } from "vitest";
import { isSpfRecord, looksLikeBrokenSpf, lookupTerms, parseSpf } from "../../../src/dns-verify/records/spf-parse.js";

const codes = (record: string) => parseSpf(record).problems.map((p) => p.code);
const errors = (record: string) => parseSpf(record).problems.filter((p) => p.severity === "error");

describe("parseSpf", () => {
  it("parses WorkMail's record cleanly", () => {
    const p = parseSpf("v=spf1 include:amazonses.com ~all");
    expect(p.problems).toEqual([]);
    expect(p.terms.map((t) => t.raw)).toEqual(["include:amazonses.com", "~all"]);
    expect(p.all).toMatchObject({ qualifier: "~", explicitQualifier: true });
  });

  it("understands every mechanism, qualifier, CIDR and modifier of RFC 7208", () => {
    const p = parseSpf(
      "v=spf1 +a -a:mail.example.com/24 ?mx//64 ~mx:example.com/24//64 ip4:192.0.2.0/24 ip4:192.0.2.1 ip6:2001:db8::/32 ip6:::1 exists:%{i}._spf.%{d} include:_spf.example.com redirect=_spf.example.net exp=explain.%{d} foo-bar=baz",
    );
    expect(errors(p.raw)).toEqual([]);
    expect(p.terms).toHaveLength(13);
    expect(p.terms[1]).toMatchObject({ name: "a", qualifier: "-", value: "mail.example.com", cidr4: 24 });
    expect(p.terms[2]).toMatchObject({ name: "mx", qualifier: "?", cidr6: 64, cidr4: undefined });
    expect(p.terms[3]).toMatchObject({ name: "mx", value: "example.com", cidr4: 24, cidr6: 64 });
    expect(p.terms[6]).toMatchObject({ name: "ip6", value: "2001:db8::", cidr6: 32 });
    expect(p.terms[7]).toMatchObject({ name: "ip6", value: "::1" });
    expect(p.redirect).toBe("_spf.example.net");
    expect(codes(p.raw)).toEqual(["SPF_UNKNOWN_MODIFIER"]);
    expect(lookupTerms(p).map((t) => t.name)).toEqual(["a", "a", "mx", "mx", "exists", "include", "redirect"]);
  });

  it("is case-insensitive for the version and mechanism names", () => {
    expect(isSpfRecord("V=SPF1 -ALL")).toBe(true);
    expect(parseSpf("V=SPF1 Include:AmazonSES.com -ALL").problems).toEqual([]);
    expect(parseSpf("V=SPF1 Include:AmazonSES.com -ALL").terms[0]).toMatchObject({
      name: "include",
      value: "amazonses.com",
    });
  });

  it.each([
    // [record, code, fragment of the message or fix]
    ["v=spf1 include:amazonses.com ~all;", "SPF_SYNTAX", "stray `;`"],
    ["v=spf1 include:amazonses.com,~all", "SPF_SYNTAX", "space is missing"],
    ["v=spf1 ip4:192.0.2.1~all", "SPF_SYNTAX", "a space is missing before `~all`"],
    ["v=spf1 include:amazonses.com-all", "SPF_SYNTAX", "a space is missing before `-all`"],
    ["v=spf1 include amazonses.com ~all", "SPF_SYNTAX", "include needs a domain"],
    ["v=spf1 include: ~all", "SPF_SYNTAX", "include needs a domain"],
    ["v=spf1 include:amazonses ~all", "SPF_SYNTAX", "not a valid domain"],
    ["v=spf1 include:amazonses.com/24 ~all", "SPF_SYNTAX", "not a valid domain"],
    ["v=spf1 all:example.com", "SPF_SYNTAX", "takes no argument"],
    ["v=spf1 ip4:192.0.2.300 -all", "SPF_INVALID_IP", "not an IPv4 address"],
    ["v=spf1 ip4:192.0.2.0/33 -all", "SPF_INVALID_IP", "0-32"],
    ["v=spf1 ip4:2001:db8::1 -all", "SPF_INVALID_IP", "not an IPv4 address"],
    ["v=spf1 ip6:192.0.2.1 -all", "SPF_INVALID_IP", "not an IPv6 address"],
    ["v=spf1 ip6:2001:db8::/129 -all", "SPF_INVALID_IP", "0-128"],
    ["v=spf1 ip4: -all", "SPF_INVALID_IP", "not an IPv4 address"],
    ["v=spf1 a/33 -all", "SPF_SYNTAX", "invalid prefix length"],
    ["v=spf1 mx:example.com/024 -all", "SPF_SYNTAX", "invalid prefix length"],
    ["v=spf1 redirect= -all", "SPF_SYNTAX", "needs a domain"],
    ["v=spf1 exists:%{z}.example.com -all", "SPF_SYNTAX", "not a valid domain"],
    ["v=spf1 foo:bar -all", "SPF_SYNTAX", "not an SPF mechanism"],
    ["v=spf1 redirect=a.example.com redirect=b.example.com", "SPF_DUPLICATE_MODIFIER", "more than once"],
    ["v=spf1 include:amazonses.com ~all\u00a0", "SPF_NOT_ASCII", "outside printable ASCII"],
    ["v=spf1 include:amazonses.com +all", "SPF_PASS_ALL", "every server on the internet"],
    ["v=spf1 include:amazonses.com all", "SPF_PASS_ALL", "every server on the internet"],
  ])("rejects %j (%s)", (record, code, fragment) => {
    const p = parseSpf(record).problems.find((x) => x.code === code);
    expect(p, `${code} in ${JSON.stringify(parseSpf(record).problems)}`).toBeDefined();
    expect(p?.severity).toBe("error");
    expect(`${p?.message} ${p?.fix ?? ""}`).toContain(fragment);
  });

  it.each([
    ["v=spf1 include:amazonses.com", "SPF_NO_ALL"],
    ["v=spf1", "SPF_NO_ALL"],
    ["v=spf1 include:amazonses.com ?all", "SPF_NEUTRAL_ALL"],
    ["v=spf1 -all include:amazonses.com", "SPF_TERMS_AFTER_ALL"],
    ["v=spf1 include:amazonses.com -all redirect=example.net", "SPF_REDIRECT_IGNORED"],
    ["v=spf1 ptr include:amazonses.com -all", "SPF_PTR"],
    [`v=spf1 ${Array.from({ length: 30 }, (_, i) => `ip4:192.0.2.${i}`).join(" ")} -all`, "SPF_TOO_LONG"],
  ])("warns about %j (%s)", (record, code) => {
    expect(parseSpf(record).problems.find((p) => p.code === code)?.severity).toBe("warning");
    expect(errors(record)).toEqual([]);
  });

  it("does not take a record without the exact version prefix for SPF, and says why", () => {
    expect(isSpfRecord("v=spf1include:amazonses.com ~all")).toBe(false);
    expect(looksLikeBrokenSpf("v=spf1include:amazonses.com ~all")).toContain("followed by a space");
    expect(looksLikeBrokenSpf('"v=spf1 include:amazonses.com ~all"')).toContain("quote");
    expect(looksLikeBrokenSpf(" v=spf1 -all")).toContain("whitespace");
    expect(looksLikeBrokenSpf("v = spf1 -all")).toContain("exactly");
    expect(looksLikeBrokenSpf("v=spf2 -all")).toContain("v=spf1");
    expect(looksLikeBrokenSpf("google-site-verification=abc")).toBeUndefined();
    expect(looksLikeBrokenSpf("v=spf1 -all")).toBeUndefined();
    expect(parseSpf("spf2.0/pra include:x.example.com").problems[0]?.code).toBe("SPF_SYNTAX");
  });

  it("accepts several spaces between terms and a trailing space", () => {
    expect(parseSpf("v=spf1  include:amazonses.com   ~all ").problems).toEqual([]);
  });

  it("never throws, whatever it is given", () => {
    for (const junk of [
      "",
      "v=spf1 ::::",
      "v=spf1 %",
      "v=spf1 +",
      "v=spf1 -",
      "v=spf1 ip6:",
      "v=spf1 =",
      "v=spf1 a:%{",
      "v=spf1 /",
      "v=spf1 ~~all",
    ]) {
      expect(() => parseSpf(junk)).not.toThrow();
    }
    expect(errors("v=spf1 ~~all").length).toBeGreaterThan(0);
  });
});

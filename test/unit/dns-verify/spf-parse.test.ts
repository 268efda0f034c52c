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

describe("parseSpf: boundaries and the exact wording users read", () => {
  const only = (record: string) => parseSpf(record).problems;
  const first = (record: string) => parseSpf(record).problems[0];

  it("reports problems with their term and fix only when they have one", () => {
    expect(only("v=spf1 include:amazonses.com ~all;")).toStrictEqual([
      {
        code: "SPF_SYNTAX",
        severity: "error",
        message: "`~all;` is not a valid term (stray `;` after `~all`)",
        term: "~all;",
        fix: "write `~all` (SPF terms are separated by spaces, not `;` or `,`)",
      },
      {
        code: "SPF_NO_ALL",
        severity: "warning",
        message: "the record has no `all` mechanism and no `redirect=`: unlisted senders get a neutral result",
        fix: "end the record with `~all` or `-all`",
      },
    ]);
    expect(only("v=spf1 ip4:192.0.2.1~all")).toContainEqual({
      code: "SPF_SYNTAX",
      severity: "error",
      message: "`ip4:192.0.2.1~all` is not a valid term: a space is missing before `~all`",
      term: "ip4:192.0.2.1~all",
      fix: "write `ip4:192.0.2.1 ~all`",
    });
    expect(only('v=spf1 include:amazonses.com ~all";')[0]?.message).toBe(
      '`~all";` is not a valid term (stray `";` after `~all`)',
    );
  });

  it("gives the exact message for each malformed mechanism", () => {
    const message = (record: string) => first(record)?.message;
    expect(message("v=spf1 include -all")).toBe("`include`: include needs a domain (include:example.com)");
    expect(message("v=spf1 exists: -all")).toBe("`exists:`: exists needs a domain (exists:example.com)");
    expect(message("v=spf1 include:amazonses -all")).toBe("`include:amazonses`: `amazonses` is not a valid domain");
    expect(message("v=spf1 a:mail -all")).toBe("`a:mail`: `mail` is not a valid domain");
    expect(message("v=spf1 mx:mail -all")).toBe("`mx:mail`: `mail` is not a valid domain");
    expect(message("v=spf1 a/24x -all")).toBe("`a/24x`: invalid prefix length `/24x`");
    expect(message("v=spf1 ptr/24 -all")).toBe("`ptr/24`: invalid ptr mechanism");
    expect(message("v=spf1 ptr:mail -all")).toBe("`ptr:mail`: invalid ptr mechanism");
    expect(message("v=spf1 -all/24")).toBe("`-all/24`: `all` takes no argument");
    expect(message("v=spf1 ip4 -all")).toBe("`ip4`: `` is not an IPv4 address");
    expect(message("v=spf1 ip6 -all")).toBe("`ip6`: `` is not an IPv6 address");
    expect(message("v=spf1 ip4:192.0.2.0//64 -all")).toBe(
      "`ip4:192.0.2.0//64`: invalid IPv4 prefix length `//64` (0-32)",
    );
    expect(message("v=spf1 ip6:2001:db8::/64x -all")).toBe(
      "`ip6:2001:db8::/64x`: invalid IPv6 prefix length `/64x` (0-128)",
    );
    expect(message("v=spf1 exp= -all")).toBe("`exp=`: exp= needs a domain name");
    expect(message("v=spf1 foo=%{z} -all")).toBe("`foo=%{z}`: invalid characters in the modifier's value");
    expect(message("v=spf1 foo:bar -all")).toBe("`foo:bar` is not an SPF mechanism or modifier");
    expect(message("v=spf1 % -all")).toBe("`%` is not an SPF mechanism or modifier");
    expect(message("v=spf1 include:foo=bar -all")).toBe("`include:foo=bar`: `foo=bar` is not a valid domain");
    for (const record of ["v=spf1 a:mail -all", "v=spf1 ptr:mail -all", "v=spf1 foo=%{z} -all"])
      expect(first(record), record).toMatchObject({ code: "SPF_SYNTAX", severity: "error" });
  });

  it.each([
    ["ip4:192.0.2.1/32", { name: "ip4", value: "192.0.2.1", cidr4: 32 }],
    ["ip4:0.0.0.0/0", { name: "ip4", value: "0.0.0.0", cidr4: 0 }],
    ["ip6:2001:db8::1/128", { name: "ip6", value: "2001:db8::1", cidr6: 128 }],
    ["ip6:2001:DB8::/32", { name: "ip6", value: "2001:db8::", cidr6: 32 }],
    ["a/32//128", { name: "a", cidr4: 32, cidr6: 128 }],
    ["mx//100", { name: "mx", cidr6: 100 }],
    ["ptr:Mail.Example.COM", { name: "ptr", value: "mail.example.com" }],
    ["ptr", { name: "ptr", value: undefined }],
    ["include:_spf.example.com.", { name: "include", value: "_spf.example.com." }],
    ["include:_spf.mail-allow.example.com", { name: "include", value: "_spf.mail-allow.example.com" }],
    ["include:spf.example.x", { name: "include", value: "spf.example.x" }],
    ["include:spf.example.x1", { name: "include", value: "spf.example.x1" }],
    ["include:spf.example.1x", { name: "include", value: "spf.example.1x" }],
    ["exists:%{ir.}.%{v}._spf.%{d2}", { name: "exists", value: "%{ir.}.%{v}._spf.%{d2}" }],
    ["exists:%{i}._spf.%{d2}", { name: "exists", value: "%{i}._spf.%{d2}" }],
  ])("accepts %j, up to the largest prefix length", (term, expected) => {
    const p = parseSpf(`v=spf1 ${term} -all`);
    expect(errors(p.raw)).toEqual([]);
    expect(p.terms[0]).toMatchObject(expected);
  });

  it.each([
    ["v=spf1 a//129 -all", "SPF_SYNTAX"],
    ["v=spf1 a//064 -all", "SPF_SYNTAX"],
    ["v=spf1 a/x/24 -all", "SPF_SYNTAX"],
    ["v=spf1 mx:example.com/24x -all", "SPF_SYNTAX"],
    ["v=spf1 ip6:2001:db8:://64 -all", "SPF_INVALID_IP"],
    ["v=spf1 ip6:2001:db8::/abc -all", "SPF_INVALID_IP"],
    ["v=spf1 ip6:2001:db8::1/2/3 -all", "SPF_INVALID_IP"],
    ["v=spf1 include:_spf..example.com -all", "SPF_SYNTAX"],
    ["v=spf1 include:example.-com -all", "SPF_SYNTAX"],
    ["v=spf1 include:example.com- -all", "SPF_SYNTAX"],
    ["v=spf1 include:example._com -all", "SPF_SYNTAX"],
    ["v=spf1 include:example.com_ -all", "SPF_SYNTAX"],
    ["v=spf1 include:example.123 -all", "SPF_SYNTAX"],
    ["v=spf1 exists:%{i}.example.123 -all", "SPF_SYNTAX"],
    ["v=spf1 exists:%{ix}.example.com -all", "SPF_SYNTAX"],
    ["v=spf1 redirect=example -all", "SPF_SYNTAX"],
  ])("rejects %j", (record, code) => {
    expect(errors(record).map((p) => p.code)).toEqual([code]);
  });

  it("warns past 450 bytes, with the size, and not at 450", () => {
    const padded = (bytes: number) => `v=spf1 ${"a".repeat(bytes - "v=spf1 ".length - " -all".length)} -all`;
    // The term is garbage, which does not matter here: only the size warning is looked at.
    expect(padded(450)).toHaveLength(450);
    expect(codes(padded(450))).not.toContain("SPF_TOO_LONG");
    expect(parseSpf(padded(451)).problems.find((p) => p.code === "SPF_TOO_LONG")?.message).toBe(
      "the record is 451 bytes; keep it under 450 so it fits one DNS answer with the rest of the TXT records",
    );
  });

  it("says why a TXT record is not SPF at all", () => {
    expect(only("spf2.0/pra include:spf.example.com")).toStrictEqual([
      { code: "SPF_SYNTAX", severity: "error", message: "the record does not start with `v=spf1`" },
    ]);
    expect(parseSpf("spf2.0/pra include:spf.example.com").terms).toEqual([]);
    expect(only('"v=spf1 -all"')[0]?.message).toContain("starts with a quote character");
  });

  it("words the warnings about all, redirect, ptr and unknown modifiers exactly", () => {
    expect(only("v=spf1 -all include:amazonses.com mx exp=explain.example.com")).toStrictEqual([
      {
        code: "SPF_TERMS_AFTER_ALL",
        severity: "warning",
        message: "`include:amazonses.com`, `mx` after `-all` will never be evaluated",
        fix: "move them before `all`",
      },
    ]);
    expect(only("v=spf1 -all redirect=_spf.example.net")).toStrictEqual([
      {
        code: "SPF_REDIRECT_IGNORED",
        severity: "warning",
        message: "`redirect=` is ignored when the record has an `all` mechanism",
      },
    ]);
    expect(only("v=spf1 +all")).toStrictEqual([
      {
        code: "SPF_PASS_ALL",
        severity: "error",
        message: "`+all` lets every server on the internet send mail as this domain",
        term: "+all",
        fix: "end the record with `~all` or `-all`",
      },
    ]);
    expect(only("v=spf1 ?all")).toStrictEqual([
      {
        code: "SPF_NEUTRAL_ALL",
        severity: "warning",
        message: "`?all` gives no protection: receivers treat unlisted senders as neutral",
        term: "?all",
        fix: "end the record with `~all` or `-all`",
      },
    ]);
    expect(only("v=spf1 ptr -all")).toStrictEqual([
      {
        code: "SPF_PTR",
        severity: "warning",
        message: "`ptr` is slow and unreliable; RFC 7208 section 5.5 says it SHOULD NOT be used",
        fix: "list the sending addresses with ip4:/ip6: instead",
      },
    ]);
    expect(only("v=spf1 ptr=x -all")).toStrictEqual([
      {
        code: "SPF_UNKNOWN_MODIFIER",
        severity: "info",
        message: "`ptr=x` is not a known modifier; receivers ignore it",
        term: "ptr=x",
      },
    ]);
    expect(only("v=spf1 exp=a.example.com exp=b.example.com -all")).toStrictEqual([
      {
        code: "SPF_DUPLICATE_MODIFIER",
        severity: "error",
        message: "`exp=` appears more than once (a permanent error, RFC 7208 section 6)",
      },
    ]);
  });

  it("takes redirect= as the redirect, whatever other modifiers come first", () => {
    const p = parseSpf("v=spf1 exp=explain.example.com redirect=_SPF.Example.NET");
    expect(p.redirect).toBe("_spf.example.net");
    expect(p.problems).toEqual([]);
    expect(parseSpf("v=spf1 exp=explain.example.com").redirect).toBeUndefined();
    expect(codes("v=spf1 exp=explain.example.com")).toEqual(["SPF_NO_ALL"]);
  });

  it("tells a written qualifier from an implied one", () => {
    expect(parseSpf("v=spf1 all").all).toMatchObject({ qualifier: "+", explicitQualifier: false });
    expect(parseSpf("v=spf1 +all").all).toMatchObject({ qualifier: "+", explicitQualifier: true });
  });

  it("counts ptr among the lookup terms", () => {
    expect(lookupTerms(parseSpf("v=spf1 ptr ip4:192.0.2.1 -all")).map((t) => t.raw)).toEqual(["ptr"]);
  });

  it("does not take other TXT records for broken SPF", () => {
    for (const txt of [
      "google-site-verification=abc",
      "spf2.0/pra include:spf.example.com",
      "see v=spf1-docs",
      "see v = spf1",
      "see spf1 docs",
      "see v=spf2",
      'x"v=spf1 -all',
    ]) {
      expect(looksLikeBrokenSpf(txt), txt).toBeUndefined();
    }
  });

  it("explains each way a record can almost be SPF", () => {
    expect(looksLikeBrokenSpf('"" v=spf1 -all')).toContain("starts with a quote character");
    expect(looksLikeBrokenSpf(" v=spf1include:amazonses.com")).toBe("`v=spf1` must be followed by a space");
    expect(looksLikeBrokenSpf("v= spf1 -all")).toBe("the version must be written `v=spf1` exactly, without spaces");
    expect(looksLikeBrokenSpf("v =spf1 -all")).toBe("the version must be written `v=spf1` exactly, without spaces");
    expect(looksLikeBrokenSpf("spf1 -all")).toBe("the version tag must be `v=spf1`");
    expect(looksLikeBrokenSpf("v=spf3 -all")).toBe("the version tag must be `v=spf1`");
  });
});

import { describe, expect, it } from "vitest";
import { isDmarcRecord, parseDmarc } from "../../../src/dns-verify/records/dmarc-parse.js";

const codes = (r: string) => parseDmarc(r).problems.map((p) => p.code);
const problem = (r: string, code: string) => parseDmarc(r).problems.find((p) => p.code === code);

describe("parseDmarc (RFC 9989)", () => {
  it("parses a modern record without remarks", () => {
    const p = parseDmarc(
      "v=DMARC1; p=reject; sp=quarantine; np=reject; adkim=s; aspf=r; fo=1:d; rua=mailto:dmarc@example.com; ruf=mailto:forensic@example.com; psd=n; t=n",
    );
    expect(p.valid).toBe(true);
    expect(p.problems).toEqual([]);
    expect(p.policy).toBe("reject");
    expect(p.subdomainPolicy).toBe("quarantine");
  });

  it("notes the tags RFC 9989 removed in WorkMail's suggested record, without failing it", () => {
    const p = parseDmarc("v=DMARC1;p=quarantine;pct=100;fo=1");
    expect(p.valid).toBe(true);
    expect(p.problems.map((x) => [x.code, x.severity])).toEqual([
      ["DMARC_REMOVED_TAG", "info"],
      ["DMARC_FO_WITHOUT_RUF", "info"],
    ]);
    expect(problem("v=DMARC1;p=quarantine;pct=100;fo=1", "DMARC_REMOVED_TAG")?.message).toContain(
      "RFC 9989 removed `pct`",
    );
    expect(codes("v=DMARC1; p=none; rf=afrf; ri=3600")).toEqual([
      "DMARC_POLICY_NONE",
      "DMARC_REMOVED_TAG",
      "DMARC_REMOVED_TAG",
    ]);
  });

  it("warns about a partial pct and suggests t=y", () => {
    const p = problem("v=DMARC1; p=reject; pct=25", "DMARC_PARTIAL_PCT");
    expect(p?.severity).toBe("warning");
    expect(p?.fix).toContain("t=y");
  });

  it("treats a record without p as p=none, with a warning for RFC 7489 receivers", () => {
    const p = parseDmarc("v=DMARC1; rua=mailto:d@example.com");
    expect(p.valid).toBe(true);
    expect(p.policy).toBe("none");
    expect(problem(p.raw, "DMARC_P_MISSING")?.message).toContain("RFC 7489 receivers ignore the whole record");
  });

  it("ignores unknown tags with a warning (RFC 9989 section 4.7) and notes p not second", () => {
    const p = parseDmarc("v=DMARC1; foo=bar; p=quarantine");
    expect(p.valid).toBe(true);
    expect(codes(p.raw)).toEqual(["DMARC_P_NOT_SECOND", "DMARC_UNKNOWN_TAG"]);
  });

  it.each([
    ["v=DMARC1; p=bogus", "DMARC_INVALID_VALUE", "use none, quarantine or reject"],
    ["v=DMARC1; p=reject; sp=maybe", "DMARC_INVALID_VALUE", "sp=maybe"],
    ["v=DMARC1; p=reject; np=yes", "DMARC_INVALID_VALUE", "np=yes"],
    ["v=DMARC1; p=reject; adkim=x", "DMARC_INVALID_VALUE", "relaxed"],
    ["v=DMARC1; p=reject; aspf=relaxed", "DMARC_INVALID_VALUE", "aspf=relaxed"],
    ["v=DMARC1; p=reject; fo=2", "DMARC_INVALID_VALUE", "colon-separated"],
    ["v=DMARC1; p=reject; fo=0,1", "DMARC_INVALID_VALUE", "colon-separated"],
    ["v=DMARC1; p=reject; t=yes", "DMARC_INVALID_VALUE", "y or n"],
    ["v=DMARC1; p=reject; psd=x", "DMARC_INVALID_VALUE", "y, n or u"],
    ["v=DMARC1; p=reject; rua=dmarc@example.com", "DMARC_INVALID_URI", "not a mailto: URI"],
    ["v=DMARC1; p=reject; rua=https://example.com/report", "DMARC_INVALID_URI", "not a mailto: URI"],
    ["v=DMARC1; p=reject; rua=mailto:not-an-address", "DMARC_INVALID_URI", "not an email address"],
    ["v=DMARC1; p=reject; p=none", "DMARC_SYNTAX", "appears twice"],
    ["v=DMARC1 p=reject", "DMARC_SYNTAX", "separated by `;`"],
    ["v=DMARC1, p=reject", "DMARC_SYNTAX", "separated by `;`"],
    ["p=reject; v=DMARC1", "DMARC_SYNTAX", "first tag must be `v=DMARC1`"],
    ["v=dmarc1; p=reject", "DMARC_SYNTAX", "exactly `DMARC1`"],
    ["v=DMARC2; p=reject", "DMARC_SYNTAX", "exactly `DMARC1`"],
    [" v=DMARC1; p=reject", "DMARC_SYNTAX", "whitespace"],
    ['"v=DMARC1; p=reject"', "DMARC_SYNTAX", "quote"],
    ["v=DMARC1; p=reject; =x", "DMARC_SYNTAX", "not a tag=value pair"],
    ["", "DMARC_SYNTAX", "first tag must be"],
  ])("rejects %j (%s)", (record, code, fragment) => {
    const p = parseDmarc(record);
    expect(p.valid).toBe(false);
    const hit = p.problems.find((x) => x.code === code);
    expect(hit, JSON.stringify(p.problems)).toBeDefined();
    expect(hit?.severity).toBe("error");
    expect(hit?.message).toContain(fragment);
  });

  it("accepts spaces around = and ; and a trailing semicolon", () => {
    const p = parseDmarc("v = DMARC1 ;  p = reject ; ");
    expect(p.valid).toBe(true);
    expect(p.policy).toBe("reject");
  });

  it("notes the obsolete !size suffix and warns about many report addresses", () => {
    expect(problem("v=DMARC1; p=reject; rua=mailto:a@example.com!10m", "DMARC_URI_SIZE_LIMIT")?.severity).toBe("info");
    expect(
      problem(
        "v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.com,mailto:c@example.com",
        "DMARC_MANY_URIS",
      )?.severity,
    ).toBe("warning");
  });

  it("recognises DMARC records by their first tag", () => {
    expect(isDmarcRecord("v=DMARC1; p=none")).toBe(true);
    expect(isDmarcRecord("v=DMARC1")).toBe(true);
    expect(isDmarcRecord("v=spf1 -all")).toBe(false);
    expect(isDmarcRecord("v=DMARC10; p=none")).toBe(false);
  });
});

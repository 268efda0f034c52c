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

describe("parseDmarc: boundaries and the exact wording users read", () => {
  const only = (r: string) => parseDmarc(r).problems;

  it("takes a tag named like an Object property for an unknown tag, not a removed one", () => {
    expect(only("v=DMARC1; p=reject; constructor=x")).toStrictEqual([
      {
        code: "DMARC_UNKNOWN_TAG",
        severity: "warning",
        message: "`constructor` is not a DMARC tag; receivers ignore it",
      },
    ]);
  });

  it("knows every RFC 9989 tag, and words the notes on removed ones", () => {
    expect(only("v=DMARC1; sp=reject; np=reject; psd=y; p=reject; t=n")).toStrictEqual([
      {
        code: "DMARC_P_NOT_SECOND",
        severity: "info",
        message: "`p=` does not follow `v=DMARC1`; RFC 9989 allows this, RFC 7489 receivers may not",
      },
    ]);
    expect(only("v=DMARC1; p=reject; psd=u")).toEqual([]);
    expect(only("v=DMARC1; p=reject; rf=afrf; ri=60").map((p) => p.message)).toEqual([
      "`rf=afrf`: RFC 9989 removed `rf` (failure reports have one format)",
      "`ri=60`: RFC 9989 removed `ri` (aggregate reports are sent daily)",
    ]);
  });

  it("warns about pct below 100 only, and only for a number", () => {
    expect(only("v=DMARC1; p=reject; pct=99")).toContainEqual({
      code: "DMARC_PARTIAL_PCT",
      severity: "warning",
      message: "`pct=99`: older receivers apply the policy to 99% of failing mail, RFC 9989 receivers to all of it",
      fix: "use `t=y` while testing, then drop it",
    });
    for (const pct of ["100", "-1", "50.5", "0x10", ""])
      expect(codes(`v=DMARC1; p=reject; pct=${pct}`), pct).toEqual(["DMARC_REMOVED_TAG"]);
  });

  it("notes t=y, and accepts the y and n of t and psd", () => {
    expect(only("v=DMARC1; p=reject; t=y")).toStrictEqual([
      {
        code: "DMARC_TESTING",
        severity: "info",
        message: "`t=y`: the domain is testing its policy; receivers may apply a milder one",
      },
    ]);
    expect(only("v=DMARC1; p=reject; t=N; psd=Y")).toEqual([]);
    expect(only("v=DMARC1; p=reject; psd=n")).toEqual([]);
  });

  it("words the missing p, p=none and fo without ruf exactly", () => {
    expect(only("v=DMARC1")).toStrictEqual([
      {
        code: "DMARC_P_MISSING",
        severity: "warning",
        message: "no `p=` tag: RFC 9989 receivers apply p=none, RFC 7489 receivers ignore the whole record",
        fix: "add `p=quarantine` (or `p=none` to monitor first)",
      },
    ]);
    expect(only("v=DMARC1; p=none")).toStrictEqual([
      {
        code: "DMARC_POLICY_NONE",
        severity: "warning",
        message: "`p=none` only monitors: spoofed mail is still delivered",
        fix: "move to `p=quarantine` once reports look clean",
      },
    ]);
    expect(only("v=DMARC1; p=reject; fo=1")).toStrictEqual([
      { code: "DMARC_FO_WITHOUT_RUF", severity: "info", message: "`fo=` has no effect without `ruf=`" },
    ]);
  });

  it("leaves the policy undefined when p is invalid, not none", () => {
    const p = parseDmarc("v=DMARC1; p=bogus");
    expect(p.policy).toBeUndefined();
    expect(p.subdomainPolicy).toBeUndefined();
    expect(parseDmarc("v=DMARC1; p=Reject; sp=None").subdomainPolicy).toBe("none");
  });

  it("checks report URIs: mailto only, a real address, an optional size, two of them at most", () => {
    expect(only("v=DMARC1; p=reject; rua=mailto:a@example.com, mailto:b@example.com")).toEqual([]);
    expect(only("v=DMARC1; p=reject; rua=mailto:a@example.com!10")).toStrictEqual([
      {
        code: "DMARC_URI_SIZE_LIMIT",
        severity: "info",
        message: "rua: the `!10` size limit is obsolete syntax; RFC 9989 receivers ignore it",
      },
    ]);
    expect(only("v=DMARC1; p=reject; rua=https://example.com/r")).toStrictEqual([
      {
        code: "DMARC_INVALID_URI",
        severity: "error",
        message: "rua: `https://example.com/r` is not a mailto: URI",
        fix: "rua=mailto:dmarc-reports@example.com",
      },
    ]);
    expect(only("v=DMARC1; p=reject; ruf=forensic@example.com")[0]).toMatchObject({
      code: "DMARC_INVALID_URI",
      message: "ruf: `forensic@example.com` is not a mailto: URI",
      fix: "ruf=mailto:dmarc-reports@example.com",
    });
    expect(only("v=DMARC1; p=reject; rua=mailto:a@b@example.com")).toStrictEqual([
      { code: "DMARC_INVALID_URI", severity: "error", message: "rua: `a@b@example.com` is not an email address" },
    ]);
    for (const uri of [
      "mailto:a@example.com1",
      "mailto:a@example.com!x",
      "xmailto:a@example.com",
      '"mailto:a@example.com"',
    ])
      expect(codes(`v=DMARC1; p=reject; rua=${uri}`), uri).toEqual(["DMARC_INVALID_URI"]);
    expect(
      only("v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.com,mailto:c@example.com"),
    ).toStrictEqual([
      {
        code: "DMARC_MANY_URIS",
        severity: "warning",
        message: "rua lists 3 addresses; some receivers send reports to the first two only",
      },
    ]);
  });

  it("suggests `;` only where a later tag looks glued with `,` or `:`", () => {
    expect(only("v=DMARC1; p=reject; rua:mailto:d@example.com")).toStrictEqual([
      {
        code: "DMARC_SYNTAX",
        severity: "error",
        message: "`rua:mailto:d@example.com` is not a tag=value pair",
        fix: "separate tags with `;`",
      },
    ]);
    expect(only("v=DMARC1; p reject")).toStrictEqual([
      { code: "DMARC_SYNTAX", severity: "error", message: "`p reject` is not a tag=value pair" },
    ]);
    expect(only("v:DMARC1; p=reject")).toStrictEqual([
      { code: "DMARC_SYNTAX", severity: "error", message: "`v:DMARC1` is not a tag=value pair" },
    ]);
    expect(only("v=DMARC1; 1p=reject")[0]?.message).toBe("`1p=reject` is not a tag=value pair");
    expect(only("v=DMARC1 p=reject")).toStrictEqual([
      {
        code: "DMARC_SYNTAX",
        severity: "error",
        message: "`v=DMARC1 p=reject`: tags must be separated by `;`",
        fix: "write `v=DMARC1; p=...`",
      },
    ]);
    expect(only("v=XDMARC1 p=reject")[0]?.message).toBe("`v=XDMARC1 p=reject`: the version must be exactly `DMARC1`");
  });

  it("reports a quote inside the record where it is, not as a quoted record", () => {
    expect(only('v=DMARC1; p=reject; rua="mailto:a@example.com"')[0]?.message).toBe(
      'rua: `"mailto:a@example.com"` is not a mailto: URI',
    );
  });

  it("recognises a DMARC record whatever the spaces around its version", () => {
    expect(isDmarcRecord("v =DMARC1; p=none")).toBe(true);
    expect(isDmarcRecord("v= DMARC1; p=none")).toBe(true);
    expect(isDmarcRecord(" v=DMARC1; p=none")).toBe(true);
    expect(isDmarcRecord("xv=DMARC1; p=none")).toBe(false);
  });
});

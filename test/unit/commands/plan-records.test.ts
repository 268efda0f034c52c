import { describe, expect, it } from "vitest";
import {
  mergeSpf,
  planRecordSets,
  presentation,
  valueText,
  type ExistingSet,
} from "../../../src/commands/domain/plan-records.js";
import { recordRows } from "../../../src/commands/domain/view.js";

const D = "example.com";
const rows = recordRows(D, [
  { Type: "TXT", Hostname: `_amazonses.${D}`, Value: "tok" },
  { Type: "MX", Hostname: D, Value: "10 inbound-smtp.us-east-1.amazonaws.com" },
  { Type: "CNAME", Hostname: `autodiscover.${D}`, Value: "autodiscover.mail.us-east-1.awsapps.com" },
  { Type: "CNAME", Hostname: `k1._domainkey.${D}`, Value: "k1.dkim.amazonses.com" },
  { Type: "TXT", Hostname: D, Value: "v=spf1 include:amazonses.com ~all" },
  { Type: "TXT", Hostname: `_dmarc.${D}`, Value: "v=DMARC1;p=quarantine;pct=100;fo=1" },
]);
const set = (name: string, type: string, values: string[], alias = false): ExistingSet => ({
  name: `${name}.`,
  type,
  ttl: 300,
  values,
  alias,
});
const byName = (plan: ReturnType<typeof planRecordSets>, purpose: string) => plan.find((p) => p.purpose === purpose);

describe("planRecordSets (what domain apply changes)", () => {
  it("creates everything in an empty zone, with the guide's TTLs", () => {
    const plan = planRecordSets(rows, []);
    expect(plan.map((p) => [p.action, p.type, p.name, p.ttl])).toEqual([
      ["create", "TXT", `_amazonses.${D}`, 1800],
      ["create", "MX", D, 3600],
      ["create", "CNAME", `autodiscover.${D}`, 3600],
      ["create", "CNAME", `k1._domainkey.${D}`, 1800],
      ["create", "TXT", D, 1800],
      ["create", "TXT", `_dmarc.${D}`, 1800],
    ]);
  });

  it("changes nothing when the zone already holds the records (whatever their quoting and trailing dots)", () => {
    const existing = [
      set(`_amazonses.${D}`, "TXT", ['"tok"']),
      set(D, "MX", ["10 inbound-smtp.us-east-1.amazonaws.com."]),
      set(`autodiscover.${D}`, "CNAME", ["autodiscover.mail.us-east-1.awsapps.com."]),
      set(`k1._domainkey.${D}`, "CNAME", ["K1.dkim.amazonses.com"]),
      set(D, "TXT", ['"v=spf1 include:amazonses.com ~all"']),
      set(`_dmarc.${D}`, "TXT", ['"v=DMARC1;p=quarantine;pct=100;fo=1"']),
    ];
    expect(planRecordSets(rows, existing).map((p) => p.action)).toEqual([
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
  });

  it("keeps other values: other regions' ownership tokens, other TXT records at the apex", () => {
    const plan = planRecordSets(rows, [
      set(`_amazonses.${D}`, "TXT", ['"eu-token"']),
      set(D, "TXT", ['"google-site-verification=abc"']),
    ]);
    expect(byName(plan, "Ownership")).toMatchObject({ action: "update", after: ["eu-token", "tok"] });
    expect(byName(plan, "SPF")).toMatchObject({
      action: "update",
      after: ["google-site-verification=abc", "v=spf1 include:amazonses.com ~all"],
    });
  });

  it("adds include:amazonses.com to an existing SPF record instead of replacing it", () => {
    const plan = planRecordSets(rows, [set(D, "TXT", ['"v=spf1 mx include:_spf.google.com -all"'])]);
    expect(byName(plan, "SPF")).toMatchObject({
      action: "update",
      after: ["v=spf1 mx include:_spf.google.com include:amazonses.com -all"],
      note: "adds include:amazonses.com to your SPF record",
    });
    expect(mergeSpf("v=spf1 mx redirect=_spf.example.net")).toBe(
      "v=spf1 mx include:amazonses.com redirect=_spf.example.net",
    );
    expect(mergeSpf("v=spf1 ip4:192.0.2.1")).toBe("v=spf1 ip4:192.0.2.1 include:amazonses.com");
    const two = planRecordSets(rows, [set(D, "TXT", ['"v=spf1 -all"', '"v=spf1 mx -all"'])]);
    expect(byName(two, "SPF")).toMatchObject({ action: "skip", note: expect.stringContaining("2 SPF records") });
  });

  it("keeps an existing DMARC policy", () => {
    const plan = planRecordSets(rows, [set(`_dmarc.${D}`, "TXT", ['"v=DMARC1; p=reject"'])]);
    expect(byName(plan, "DMARC")).toMatchObject({
      action: "unchanged",
      after: ["v=DMARC1; p=reject"],
      note: "keeps your DMARC policy",
    });
  });

  it("replaces the MX (saying what it replaces), or leaves it with --skip-mx", () => {
    const existing = [set(D, "MX", ["10 aspmx.l.google.com.", "20 alt1.aspmx.l.google.com."])];
    expect(byName(planRecordSets(rows, existing), "Inbound mail")).toMatchObject({
      action: "update",
      after: ["10 inbound-smtp.us-east-1.amazonaws.com"],
      note: "replaces 10 aspmx.l.google.com, 20 alt1.aspmx.l.google.com: mail goes to WorkMail once this propagates",
    });
    expect(byName(planRecordSets(rows, existing, { skipMx: true }), "Inbound mail")?.action).toBe("skip");
  });

  it("does not put a CNAME where another record type lives, nor touch alias records", () => {
    const plan = planRecordSets(rows, [
      set(`autodiscover.${D}`, "A", ["192.0.2.10"]),
      set(`k1._domainkey.${D}`, "CNAME", ["x.cloudfront.net."], true),
    ]);
    expect(byName(plan, "AutoDiscover")).toMatchObject({
      action: "skip",
      note: `autodiscover.${D} has an A record; a CNAME cannot share its name`,
    });
    expect(byName(plan, "DKIM")).toMatchObject({ action: "skip", note: expect.stringContaining("alias record") });
  });

  it("converts between Route 53's presentation format and plain values", () => {
    expect(valueText("TXT", '"part one " "part two"')).toBe("part one part two");
    expect(valueText("MX", "10 Inbound-SMTP.us-east-1.amazonaws.com.")).toBe("10 inbound-smtp.us-east-1.amazonaws.com");
    expect(presentation("MX", "10 inbound-smtp.us-east-1.amazonaws.com")).toBe(
      "10 inbound-smtp.us-east-1.amazonaws.com.",
    );
    expect(presentation("CNAME", "a.example.net")).toBe("a.example.net.");
    expect(presentation("TXT", 'say "x"')).toBe('"say \\"x\\""');
  });
});

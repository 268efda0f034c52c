import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Change } from "@aws-sdk/client-route-53";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { advanceClock, LocalBackend } from "../../../src/local-backend/index.js";
import { parseCharacterStrings, quoteTxt } from "../../../src/local-backend/route53/record-values.js";
import { LocalHostedZones } from "../../../src/local-backend/route53/local-hosted-zones.js";
import { setMeta } from "../../../src/local-backend/store/meta.js";

let dir: string;
let backend: LocalBackend;
let zones: LocalHostedZones;
let zoneId: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-r53-"));
  backend = await LocalBackend.open({ dir, region: "us-east-1" });
  zones = new LocalHostedZones((fn) => backend.tx(fn));
  zoneId = (await zones.createHostedZone({ Name: "Example.com", CallerReference: "ref-1" })).HostedZone?.Id as string;
});
afterEach(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; messages?: string[] }> {
  try {
    await p;
  } catch (e) {
    return {
      name: (e as Error).name,
      message: (e as Error).message,
      messages: (e as { messages?: string[] }).messages,
    };
  }
  throw new Error("expected a failure");
}
const txt = (name: string, values: string[], action: Change["Action"] = "CREATE"): Change => ({
  Action: action,
  ResourceRecordSet: {
    Name: name,
    Type: "TXT",
    TTL: 300,
    ResourceRecords: values.map((v) => ({ Value: quoteTxt(v) })),
  },
});
const change = (changes: Change[]) =>
  zones.changeResourceRecordSets({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } });
const sets = async () => (await zones.listResourceRecordSets({ HostedZoneId: zoneId })).ResourceRecordSets ?? [];

describe("the local Route 53", () => {
  it("creates a zone like Route 53: an id with the /hostedzone/ prefix, SOA and NS records, a pending change", async () => {
    const created = await zones.createHostedZone({
      Name: "example.org",
      CallerReference: "ref-2",
      HostedZoneConfig: { Comment: "mail" },
    });
    expect(created.HostedZone).toMatchObject({
      Name: "example.org.",
      CallerReference: "ref-2",
      Config: { Comment: "mail", PrivateZone: false },
      ResourceRecordSetCount: 2,
    });
    expect(created.HostedZone?.Id).toMatch(/^\/hostedzone\/Z[A-Z0-9]{20}$/);
    expect(created.ChangeInfo?.Status).toBe("PENDING");
    expect(created.DelegationSet?.NameServers).toEqual(["ns-1.wmctl.localhost", "ns-2.wmctl.localhost"]);
    expect((await sets()).map((s) => `${s.Name} ${s.Type}`)).toEqual(["example.com. NS", "example.com. SOA"]);
    expect(await failure(zones.createHostedZone({ Name: "example.net", CallerReference: "ref-2" }))).toMatchObject({
      name: "HostedZoneAlreadyExists",
    });
    expect(await failure(zones.createHostedZone({ Name: "not_a..name", CallerReference: "ref-3" }))).toMatchObject({
      name: "InvalidDomainName",
    });
  });

  it("lists zones by name in Route 53's order (labels reversed), with truncation", async () => {
    await zones.createHostedZone({ Name: "b.example.com", CallerReference: "r2" });
    await zones.createHostedZone({ Name: "a.example.net", CallerReference: "r3" });
    const all = await zones.listHostedZonesByName({});
    expect(all.HostedZones?.map((z) => z.Name)).toEqual(["example.com.", "b.example.com.", "a.example.net."]);
    const page = await zones.listHostedZonesByName({ DNSName: "b.example.com", MaxItems: 1 });
    expect(page).toMatchObject({ IsTruncated: true, NextDNSName: "a.example.net." });
    expect(page.HostedZones?.map((z) => z.Name)).toEqual(["b.example.com."]);
  });

  it("applies CREATE, UPSERT and DELETE with Route 53's semantics", async () => {
    await change([txt("_amazonses.example.com", ["token-1"])]);
    expect(await failure(change([txt("_amazonses.example.com", ["token-2"])]))).toMatchObject({
      name: "InvalidChangeBatch",
      message: "Tried to create resource record set [name='_amazonses.example.com.', type='TXT'] but it already exists",
    });
    await change([txt("_amazonses.example.com", ["token-1", "token-2"], "UPSERT")]);
    expect((await sets()).find((s) => s.Type === "TXT")?.ResourceRecords).toEqual([
      { Value: '"token-1"' },
      { Value: '"token-2"' },
    ]);
    expect(await failure(change([txt("_amazonses.example.com", ["token-1"], "DELETE")]))).toMatchObject({
      message:
        "Tried to delete resource record set [name='_amazonses.example.com.', type='TXT'] but the values provided do not match the current values",
    });
    await change([txt("_amazonses.example.com", ["token-1", "token-2"], "DELETE")]);
    expect(await failure(change([txt("_amazonses.example.com", ["x"], "DELETE")]))).toMatchObject({
      message: expect.stringContaining("but it was not found"),
    });
  });

  it("rejects a whole batch with every problem listed, and writes nothing of it", async () => {
    const e = await failure(
      change([
        txt("ok.example.com", ["fine"]),
        txt("elsewhere.example.org", ["x"]),
        {
          Action: "CREATE",
          ResourceRecordSet: {
            Name: "www.example.com",
            Type: "CNAME",
            TTL: 60,
            ResourceRecords: [{ Value: "a.example.net" }, { Value: "b.example.net" }],
          },
        },
        {
          Action: "CREATE",
          ResourceRecordSet: {
            Name: "example.com",
            Type: "CNAME",
            TTL: 60,
            ResourceRecords: [{ Value: "a.example.net" }],
          },
        },
        {
          Action: "CREATE",
          ResourceRecordSet: {
            Name: "bad.example.com",
            Type: "TXT",
            TTL: 60,
            ResourceRecords: [{ Value: "not quoted" }],
          },
        },
        {
          Action: "CREATE",
          ResourceRecordSet: {
            Name: "long.example.com",
            Type: "TXT",
            TTL: 60,
            ResourceRecords: [{ Value: `"${"x".repeat(256)}"` }],
          },
        },
        {
          Action: "CREATE",
          ResourceRecordSet: {
            Name: "mx.example.com",
            Type: "MX",
            TTL: 60,
            ResourceRecords: [{ Value: "mail.example.com" }],
          },
        },
        {
          Action: "CREATE",
          ResourceRecordSet: { Name: "nottl.example.com", Type: "A", ResourceRecords: [{ Value: "192.0.2.1" }] },
        },
        txt("ok.example.com", ["twice"]),
      ]),
    );
    expect(e.name).toBe("InvalidChangeBatch");
    expect(e.messages).toEqual([
      "RRSet with DNS name elsewhere.example.org. is not permitted in zone example.com.",
      "RRSet of type CNAME with DNS name www.example.com. is not permitted because a CNAME record set can hold only one value",
      "RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com.",
      "Invalid Resource Record: FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with 'not quoted'",
      expect.stringContaining("CharacterStringTooLong (Value is too long)"),
      expect.stringContaining("MXRRDATANotTwoFields"),
      "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=CREATE, Name=nottl.example.com., Type=A, SetIdentifier=null]",
      "The request contains an invalid set of changes for a resource record set 'TXT ok.example.com.'",
    ]);
    expect((await sets()).some((s) => s.Name === "ok.example.com.")).toBe(false);
  });

  it("keeps a CNAME alone at its name and the zone's SOA and NS in place", async () => {
    await change([txt("autodiscover.example.com", ["x"])]);
    expect(
      await failure(
        change([
          {
            Action: "CREATE",
            ResourceRecordSet: {
              Name: "autodiscover.example.com",
              Type: "CNAME",
              TTL: 60,
              ResourceRecords: [{ Value: "autodiscover.mail.us-east-1.awsapps.com" }],
            },
          },
        ]),
      ),
    ).toMatchObject({
      message:
        "RRSet of type CNAME with DNS name autodiscover.example.com. is not permitted as it conflicts with other records with the same DNS name in zone example.com.",
    });
    const soa = (await sets()).find((s) => s.Type === "SOA");
    expect(await failure(change([{ Action: "DELETE", ResourceRecordSet: soa as never }]))).toMatchObject({
      message: "A HostedZone must contain exactly one SOA record.",
    });
  });

  it("pages record sets with NextRecordName and NextRecordType", async () => {
    await change(Array.from({ length: 5 }, (_, i) => txt(`r${i}.example.com`, [`v${i}`])));
    const first = await zones.listResourceRecordSets({ HostedZoneId: zoneId, MaxItems: 4 });
    expect(first.ResourceRecordSets?.map((s) => s.Name)).toEqual([
      "example.com.",
      "example.com.",
      "r0.example.com.",
      "r1.example.com.",
    ]);
    expect(first).toMatchObject({ IsTruncated: true, NextRecordName: "r2.example.com.", NextRecordType: "TXT" });
    const rest = await zones.listResourceRecordSets({
      HostedZoneId: zoneId.replace("/hostedzone/", ""),
      StartRecordName: first.NextRecordName,
      StartRecordType: first.NextRecordType,
    });
    expect(rest.ResourceRecordSets?.map((s) => s.Name)).toEqual([
      "r2.example.com.",
      "r3.example.com.",
      "r4.example.com.",
    ]);
    expect(await failure(zones.listResourceRecordSets({ HostedZoneId: "ZNOPE" }))).toMatchObject({
      name: "NoSuchHostedZone",
      message: "No hosted zone found with ID: ZNOPE",
    });
  });

  it("moves a change from PENDING to INSYNC on the simulator clock", async () => {
    setMeta(backend.db, "lifecycle", { route53ChangeSeconds: 60 });
    const { ChangeInfo } = await change([txt("x.example.com", ["1"])]);
    expect(ChangeInfo?.Status).toBe("PENDING");
    expect((await zones.getChange({ Id: ChangeInfo?.Id })).ChangeInfo?.Status).toBe("PENDING");
    advanceClock(backend.db, 61_000);
    expect((await zones.getChange({ Id: (ChangeInfo?.Id as string).replace("/change/", "") })).ChangeInfo?.Status).toBe(
      "INSYNC",
    );
    expect(await failure(zones.getChange({ Id: "CNOPE" }))).toMatchObject({ name: "NoSuchChange" });
  });
});

describe("TXT presentation format", () => {
  it("round-trips quotes, escapes and values over 255 bytes", () => {
    const long = "p=" + "A".repeat(400);
    expect(quoteTxt(long)).toBe(`"${long.slice(0, 255)}" "${long.slice(255)}"`);
    expect(parseCharacterStrings(quoteTxt('say "hi" \\ there'))).toEqual({ strings: ['say "hi" \\ there'] });
    expect(parseCharacterStrings('"a" "b"')).toEqual({ strings: ["a", "b"] });
    expect(parseCharacterStrings('"\\065\\066"')).toEqual({ strings: ["AB"] });
    expect(parseCharacterStrings('"unterminated')).toHaveProperty("problem");
    // Multi-byte characters are never cut in half.
    const accents = "é".repeat(200);
    expect(quoteTxt(accents).split('" "').length).toBe(2);
    expect(parseCharacterStrings(quoteTxt(accents))).toEqual({ strings: ["é".repeat(127), "é".repeat(73)] });
  });
});

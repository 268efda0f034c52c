import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HostedZonesApi } from "../../src/backend/hosted-zones.js";
import { createRoute53HostedZones } from "../../src/backend/route53-hosted-zones.js";
import type { WorkMailApi } from "../../src/backend/workmail-api.js";
import { advanceClock, LocalBackend } from "../../src/local-backend/index.js";
import { LocalHostedZones } from "../../src/local-backend/route53/local-hosted-zones.js";
import { setMeta } from "../../src/local-backend/store/meta.js";
import { targetApi, type TargetApi } from "../helpers/wire-target.js";

// In-process, and (project "wire") through the WorkMail and Route 53 SDKs against the served store.
let dir: string;
let backend: LocalBackend & WorkMailApi;
let target: TargetApi;
let api: WorkMailApi;
let zones: HostedZonesApi;
let org: string;

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
  throw new Error("expected the call to fail");
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-domains-"));
  backend = await LocalBackend.open({ dir, region: "eu-west-1" });
  target = await targetApi(dir, backend);
  api = target.api;
  zones =
    target.endpoint === undefined
      ? new LocalHostedZones((fn) => backend.tx(fn))
      : await createRoute53HostedZones({
          awsProfile: undefined,
          endpoint: target.endpoint,
          maxAttempts: 1,
          credentials: target.credentials,
        });
  org = (await api.createOrganization({ Alias: "acme" })).OrganizationId as string;
});
afterEach(async () => {
  await target.close();
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Publishes GetMailDomain's records into a local hosted zone, as `domain apply` does. */
async function publish(domain: string, only?: (type: string, host: string) => boolean): Promise<void> {
  const d = await api.getMailDomain({ OrganizationId: org, DomainName: domain });
  const existing = (await zones.listHostedZonesByName({ DNSName: domain, MaxItems: 1 })).HostedZones?.find(
    (z) => z.Name === `${domain}.`,
  );
  const HostedZone =
    existing ?? (await zones.createHostedZone({ Name: domain, CallerReference: `ref-${domain}` })).HostedZone;
  const changes = (d.Records ?? [])
    .filter((r) => only === undefined || only(r.Type as string, r.Hostname as string))
    .map((r) => ({
      Action: "UPSERT" as const,
      ResourceRecordSet: {
        Name: r.Hostname,
        Type: r.Type as "TXT",
        TTL: 300,
        ResourceRecords: [{ Value: r.Type === "TXT" ? `"${r.Value}"` : r.Value }],
      },
    }));
  await zones.changeResourceRecordSets({ HostedZoneId: HostedZone?.Id, ChangeBatch: { Changes: changes } });
}

describe("mail domains in the simulator", () => {
  it("starts with the verified default test domain and no records to publish", async () => {
    expect((await api.listMailDomains({ OrganizationId: org })).MailDomains).toEqual([
      { DomainName: "acme.awsapps.com", DefaultDomain: true },
    ]);
    const test = await api.getMailDomain({ OrganizationId: org, DomainName: "acme.awsapps.com" });
    expect(test).toMatchObject({
      IsTestDomain: true,
      IsDefault: true,
      OwnershipVerificationStatus: "VERIFIED",
      DkimVerificationStatus: "VERIFIED",
      Records: [],
    });
  });

  it("asks for the region's records: ownership token, MX, AutoDiscover, three DKIM CNAMEs, SPF and DMARC", async () => {
    await api.registerMailDomain({ OrganizationId: org, DomainName: "Example.COM" });
    const d = await api.getMailDomain({ OrganizationId: org, DomainName: "example.com" });
    expect(d).toMatchObject({
      IsTestDomain: false,
      IsDefault: false,
      OwnershipVerificationStatus: "PENDING",
      DkimVerificationStatus: "PENDING",
    });
    const records = d.Records ?? [];
    expect(records).toHaveLength(8);
    expect(records[0]).toMatchObject({ Type: "TXT", Hostname: "_amazonses.example.com" });
    expect(records[0]?.Value).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(records[1]).toEqual({
      Type: "MX",
      Hostname: "example.com",
      Value: "10 inbound-smtp.eu-west-1.amazonaws.com",
    });
    expect(records[2]).toEqual({
      Type: "CNAME",
      Hostname: "autodiscover.example.com",
      Value: "autodiscover.mail.eu-west-1.awsapps.com",
    });
    for (const r of records.slice(3, 6)) {
      const token = /^([a-z2-7]{32})\._domainkey\.example\.com$/.exec(r.Hostname as string)?.[1];
      expect(token, r.Hostname).toBeDefined();
      expect(r).toMatchObject({ Type: "CNAME", Value: `${token}.dkim.amazonses.com` });
    }
    expect(records.slice(6)).toEqual([
      { Type: "TXT", Hostname: "example.com", Value: "v=spf1 include:amazonses.com ~all" },
      { Type: "TXT", Hostname: "_dmarc.example.com", Value: "v=DMARC1;p=quarantine;pct=100;fo=1" },
    ]);
    // The tokens are stable across calls.
    expect((await api.getMailDomain({ OrganizationId: org, DomainName: "example.com" })).Records).toEqual(records);
  });

  it("verifies ownership and DKIM by resolving the published records in its own zones", async () => {
    await api.registerMailDomain({ OrganizationId: org, DomainName: "example.com" });
    await publish("example.com", (type, host) => type === "TXT" && host.startsWith("_amazonses."));
    let d = await api.getMailDomain({ OrganizationId: org, DomainName: "example.com" });
    expect([d.OwnershipVerificationStatus, d.DkimVerificationStatus]).toEqual(["VERIFIED", "PENDING"]);
    await publish("example.com");
    d = await api.getMailDomain({ OrganizationId: org, DomainName: "example.com" });
    expect([d.OwnershipVerificationStatus, d.DkimVerificationStatus]).toEqual(["VERIFIED", "VERIFIED"]);
  });

  it("accepts the ownership token at the domain itself, for DNS hosts without underscores", async () => {
    await api.registerMailDomain({ OrganizationId: org, DomainName: "example.com" });
    const token = (await api.getMailDomain({ OrganizationId: org, DomainName: "example.com" })).Records?.[0]
      ?.Value as string;
    const { HostedZone } = await zones.createHostedZone({ Name: "example.com", CallerReference: "r1" });
    await zones.changeResourceRecordSets({
      HostedZoneId: HostedZone?.Id,
      ChangeBatch: {
        Changes: [
          {
            Action: "CREATE",
            ResourceRecordSet: {
              Name: "example.com",
              Type: "TXT",
              TTL: 60,
              ResourceRecords: [{ Value: `"${token}"` }, { Value: '"v=spf1 -all"' }],
            },
          },
        ],
      },
    });
    expect(
      (await api.getMailDomain({ OrganizationId: org, DomainName: "example.com" })).OwnershipVerificationStatus,
    ).toBe("VERIFIED");
  });

  it("fails verification after the 72-hour window on the simulator clock, and registering again restarts it", async () => {
    await api.registerMailDomain({ OrganizationId: org, DomainName: "example.com" });
    advanceClock(backend.db, 71 * 3600_000);
    expect(
      (await api.getMailDomain({ OrganizationId: org, DomainName: "example.com" })).OwnershipVerificationStatus,
    ).toBe("PENDING");
    advanceClock(backend.db, 2 * 3600_000);
    const failed = await api.getMailDomain({ OrganizationId: org, DomainName: "example.com" });
    expect([failed.OwnershipVerificationStatus, failed.DkimVerificationStatus]).toEqual(["FAILED", "FAILED"]);
    await api.registerMailDomain({ OrganizationId: org, DomainName: "example.com" });
    expect(
      (await api.getMailDomain({ OrganizationId: org, DomainName: "example.com" })).OwnershipVerificationStatus,
    ).toBe("PENDING");
    await publish("example.com");
    expect(
      (await api.getMailDomain({ OrganizationId: org, DomainName: "example.com" })).OwnershipVerificationStatus,
    ).toBe("VERIFIED");
  });

  it("makes only a verified domain the default", async () => {
    await api.registerMailDomain({ OrganizationId: org, DomainName: "example.com" });
    expect(
      await errorOf(api.updateDefaultMailDomain({ OrganizationId: org, DomainName: "example.com" })),
    ).toMatchObject({ name: "MailDomainStateException" });
    await publish("example.com");
    await api.updateDefaultMailDomain({ OrganizationId: org, DomainName: "example.com" });
    expect((await api.describeOrganization({ OrganizationId: org })).DefaultMailDomain).toBe("example.com");
    expect((await api.listMailDomains({ OrganizationId: org })).MailDomains).toEqual([
      { DomainName: "acme.awsapps.com", DefaultDomain: false },
      { DomainName: "example.com", DefaultDomain: true },
    ]);
    expect(
      await errorOf(api.updateDefaultMailDomain({ OrganizationId: org, DomainName: "nope.example" })),
    ).toMatchObject({ name: "MailDomainNotFoundException" });
  });

  it("refuses to remove the test domain, the default domain, or a domain with addresses in use", async () => {
    await api.registerMailDomain({ OrganizationId: org, DomainName: "example.com" });
    await publish("example.com");
    expect(
      await errorOf(api.deregisterMailDomain({ OrganizationId: org, DomainName: "acme.awsapps.com" })),
    ).toMatchObject({ name: "InvalidParameterException" });
    const { UserId } = await api.createUser({
      OrganizationId: org,
      Name: "bob",
      DisplayName: "Bob",
      Password: "Passw0rd!x",
    });
    await api.registerToWorkMail({ OrganizationId: org, EntityId: UserId as string, Email: "bob@example.com" });
    const inUse = await errorOf(api.deregisterMailDomain({ OrganizationId: org, DomainName: "example.com" }));
    expect(inUse.name).toBe("MailDomainInUseException");
    expect(inUse.message).toContain("bob@example.com");
    await api.updatePrimaryEmailAddress({
      OrganizationId: org,
      EntityId: UserId as string,
      Email: "bob@acme.awsapps.com",
    });
    backend.db.prepare("DELETE FROM addresses WHERE address = 'bob@example.com'").run();
    await api.updateDefaultMailDomain({ OrganizationId: org, DomainName: "example.com" });
    expect(await errorOf(api.deregisterMailDomain({ OrganizationId: org, DomainName: "example.com" }))).toMatchObject({
      name: "MailDomainInUseException",
    });
    await api.updateDefaultMailDomain({ OrganizationId: org, DomainName: "acme.awsapps.com" });
    await api.deregisterMailDomain({ OrganizationId: org, DomainName: "example.com" });
    expect(await errorOf(api.getMailDomain({ OrganizationId: org, DomainName: "example.com" }))).toMatchObject({
      name: "MailDomainNotFoundException",
    });
  });

  it("validates domain names: ASCII only, proper labels, no awsapps.com, not another organization's", async () => {
    expect(await errorOf(api.registerMailDomain({ OrganizationId: org, DomainName: "bücher.example" }))).toMatchObject({
      name: "ValidationException",
    });
    expect(await errorOf(api.registerMailDomain({ OrganizationId: org, DomainName: "-bad.example" }))).toMatchObject({
      name: "InvalidParameterException",
    });
    expect(await errorOf(api.registerMailDomain({ OrganizationId: org, DomainName: "example..com" }))).toMatchObject({
      name: "InvalidParameterException",
    });
    expect(
      await errorOf(api.registerMailDomain({ OrganizationId: org, DomainName: "other.awsapps.com" })),
    ).toMatchObject({ name: "InvalidParameterException" });
    await api.registerMailDomain({ OrganizationId: org, DomainName: "example.com" });
    await api.registerMailDomain({ OrganizationId: org, DomainName: "example.com" });
    const other = (await api.createOrganization({ Alias: "globex" })).OrganizationId as string;
    expect(await errorOf(api.registerMailDomain({ OrganizationId: other, DomainName: "example.com" }))).toMatchObject({
      name: "MailDomainInUseException",
    });
  });

  it("stops at the documented number of domains per organization", async () => {
    const insert = backend.db.prepare("INSERT INTO mail_domains (org_id, domain, created_at) VALUES (?, ?, 0)");
    backend.db.transaction(() => {
      for (let i = 0; i < 1000; i++) insert.run(org, `d${i}.example`);
    })();
    expect(
      await errorOf(api.registerMailDomain({ OrganizationId: org, DomainName: "one-more.example" })),
    ).toMatchObject({
      name: "LimitExceededException",
      message: "An organization can have at most 1000 mail domains.",
    });
  });

  it("pages ListMailDomains with opaque tokens", async () => {
    for (const d of ["a.example", "b.example", "c.example"])
      await api.registerMailDomain({ OrganizationId: org, DomainName: d });
    const first = await api.listMailDomains({ OrganizationId: org, MaxResults: 2 });
    expect(first.MailDomains?.map((d) => d.DomainName)).toEqual(["a.example", "acme.awsapps.com"]);
    const second = await api.listMailDomains({ OrganizationId: org, MaxResults: 2, NextToken: first.NextToken });
    expect(second.MailDomains?.map((d) => d.DomainName)).toEqual(["b.example", "c.example"]);
    expect(second.NextToken).toBeUndefined();
  });

  it("can verify through configured resolvers instead of its own zones", async () => {
    setMeta(backend.db, "dns.verificationResolvers", ["127.0.0.1:9"]);
    await api.registerMailDomain({ OrganizationId: org, DomainName: "example.com" });
    await publish("example.com");
    // Port 9 (discard) answers nothing: the records in the local zones are not seen.
    expect(
      (await api.getMailDomain({ OrganizationId: org, DomainName: "example.com" })).OwnershipVerificationStatus,
    ).toBe("PENDING");
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { failure, openPolicyOrg, type PolicyOrg } from "../helpers/policy-org.js";

let t: PolicyOrg;
beforeEach(async () => {
  t = await openPolicyOrg();
});
afterEach(() => t.close());

describe("inbound DMARC", () => {
  it("is enforced in a new organization and can be turned off and on", async () => {
    expect(await t.api.describeInboundDmarcSettings({ OrganizationId: t.org })).toEqual({ Enforced: true });
    await t.api.putInboundDmarcSettings({ OrganizationId: t.org, Enforced: false });
    expect(await t.api.describeInboundDmarcSettings({ OrganizationId: t.org })).toEqual({ Enforced: false });
    await t.api.putInboundDmarcSettings({ OrganizationId: t.org, Enforced: true });
    expect((await t.api.describeInboundDmarcSettings({ OrganizationId: t.org })).Enforced).toBe(true);
    expect((await failure(t.api.putInboundDmarcSettings({ OrganizationId: t.org } as never))).name).toBe(
      "ValidationException",
    );
  });
});

describe("email monitoring (event logging)", () => {
  const LOG_GROUP = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/workmail/emailevents/acme:*";

  it("is not configured at first, then uses the service-linked role unless a role is given", async () => {
    expect((await failure(t.api.describeEmailMonitoringConfiguration({ OrganizationId: t.org }))).name).toBe(
      "ResourceNotFoundException",
    );
    await t.api.putEmailMonitoringConfiguration({ OrganizationId: t.org, LogGroupArn: LOG_GROUP });
    const d = await t.api.describeEmailMonitoringConfiguration({ OrganizationId: t.org });
    expect(d.LogGroupArn).toBe(LOG_GROUP);
    expect(d.RoleArn).toBe(
      `arn:aws:iam::${t.backend.accountId}:role/aws-service-role/events.workmail.amazonaws.com/AWSServiceRoleForAmazonWorkMailEvents`,
    );
    const role = "arn:aws:iam::111122223333:role/workmail-monitoring-role";
    await t.api.putEmailMonitoringConfiguration({ OrganizationId: t.org, LogGroupArn: LOG_GROUP, RoleArn: role });
    expect((await t.api.describeEmailMonitoringConfiguration({ OrganizationId: t.org })).RoleArn).toBe(role);
    await t.api.deleteEmailMonitoringConfiguration({ OrganizationId: t.org });
    await t.api.deleteEmailMonitoringConfiguration({ OrganizationId: t.org });
    expect((await failure(t.api.describeEmailMonitoringConfiguration({ OrganizationId: t.org }))).name).toBe(
      "ResourceNotFoundException",
    );
  });

  it("wants a log group ARN of the model's shape, in the organization's Region", async () => {
    expect(
      (
        await failure(
          t.api.putEmailMonitoringConfiguration({ OrganizationId: t.org, LogGroupArn: "workmail-monitoring" }),
        )
      ).name,
    ).toBe("ValidationException");
    const other = "arn:aws:logs:eu-west-1:111122223333:log-group:workmail-monitoring:*";
    expect(
      await failure(t.api.putEmailMonitoringConfiguration({ OrganizationId: t.org, LogGroupArn: other })),
    ).toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringContaining("us-east-1"),
    });
  });
});

describe("availability configurations", () => {
  let server: Server;
  let url: string;
  const seen: string[] = [];
  beforeEach(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers.authorization ?? "");
      const ok =
        req.headers.authorization === `Basic ${Buffer.from("svc@corp.example.com:S3cret!pw").toString("base64")}`;
      res.writeHead(ok ? 200 : 401).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/EWS/Exchange.asmx`;
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  const ews = (password = "S3cret!pw") => ({
    EwsEndpoint: url,
    EwsUsername: "svc@corp.example.com",
    EwsPassword: password,
  });
  const LAMBDA = "arn:aws:lambda:us-east-1:111122223333:function:cap-provider";

  it("creates, lists (never the password), updates and deletes per domain", async () => {
    await t.api.createAvailabilityConfiguration({
      OrganizationId: t.org,
      DomainName: "Corp.Example.com",
      EwsProvider: ews(),
    });
    await t.api.createAvailabilityConfiguration({
      OrganizationId: t.org,
      DomainName: "google.example.org",
      LambdaProvider: { LambdaArn: LAMBDA },
    });
    const list = await t.api.listAvailabilityConfigurations({ OrganizationId: t.org });
    expect(list.AvailabilityConfigurations?.map((c) => [c.DomainName, c.ProviderType])).toEqual([
      ["corp.example.com", "EWS"],
      ["google.example.org", "LAMBDA"],
    ]);
    expect(list.AvailabilityConfigurations?.[0]?.EwsProvider).toEqual({
      EwsEndpoint: url,
      EwsUsername: "svc@corp.example.com",
    });
    expect(JSON.stringify(list)).not.toContain("S3cret");
    await t.api.updateAvailabilityConfiguration({
      OrganizationId: t.org,
      DomainName: "corp.example.com",
      LambdaProvider: { LambdaArn: LAMBDA },
    });
    expect(
      (await t.api.listAvailabilityConfigurations({ OrganizationId: t.org })).AvailabilityConfigurations?.[0]
        ?.ProviderType,
    ).toBe("LAMBDA");
    await t.api.deleteAvailabilityConfiguration({ OrganizationId: t.org, DomainName: "CORP.example.com" });
    await t.api.deleteAvailabilityConfiguration({ OrganizationId: t.org, DomainName: "corp.example.com" });
    expect(
      (await t.api.listAvailabilityConfigurations({ OrganizationId: t.org })).AvailabilityConfigurations,
    ).toHaveLength(1);
  });

  it("wants exactly one provider, and a domain only once", async () => {
    expect(
      (await failure(t.api.createAvailabilityConfiguration({ OrganizationId: t.org, DomainName: "corp.example.com" })))
        .name,
    ).toBe("InvalidParameterException");
    expect(
      (
        await failure(
          t.api.createAvailabilityConfiguration({
            OrganizationId: t.org,
            DomainName: "corp.example.com",
            EwsProvider: ews(),
            LambdaProvider: { LambdaArn: LAMBDA },
          }),
        )
      ).name,
    ).toBe("InvalidParameterException");
    await t.api.createAvailabilityConfiguration({
      OrganizationId: t.org,
      DomainName: "corp.example.com",
      EwsProvider: ews(),
      ClientToken: "t1",
    });
    await t.api.createAvailabilityConfiguration({
      OrganizationId: t.org,
      DomainName: "corp.example.com",
      EwsProvider: ews(),
      ClientToken: "t1",
    });
    expect(
      (
        await failure(
          t.api.createAvailabilityConfiguration({
            OrganizationId: t.org,
            DomainName: "corp.example.com",
            EwsProvider: ews(),
          }),
        )
      ).name,
    ).toBe("NameAvailabilityException");
    expect(
      (
        await failure(
          t.api.updateAvailabilityConfiguration({
            OrganizationId: t.org,
            DomainName: "other.example.com",
            EwsProvider: ews(),
          }),
        )
      ).name,
    ).toBe("ResourceNotFoundException");
    expect(
      (
        await failure(
          t.api.createAvailabilityConfiguration({
            OrganizationId: t.org,
            DomainName: "x.example",
            LambdaProvider: { LambdaArn: "arn:aws:lambda:nope" },
          }),
        )
      ).name,
    ).toBe("ValidationException");
  });

  it("tests an EWS provider by logging in with its credentials, stored or given", async () => {
    await t.api.createAvailabilityConfiguration({
      OrganizationId: t.org,
      DomainName: "corp.example.com",
      EwsProvider: ews(),
    });
    expect(
      await t.api.testAvailabilityConfiguration({ OrganizationId: t.org, DomainName: "corp.example.com" }),
    ).toEqual({ TestPassed: true });
    const refused = await t.api.testAvailabilityConfiguration({ OrganizationId: t.org, EwsProvider: ews("wrong") });
    expect(refused).toEqual({
      TestPassed: false,
      FailureReason: "The EWS endpoint refused the credentials (HTTP 401).",
    });
    expect(seen).toHaveLength(2);
    const closed = await t.api.testAvailabilityConfiguration({
      OrganizationId: t.org,
      EwsProvider: { ...ews(), EwsEndpoint: "http://127.0.0.1:1/EWS/Exchange.asmx" },
    });
    expect(closed.TestPassed).toBe(false);
    expect(closed.FailureReason).toMatch(/^The EWS URL is invalid or unreachable: ECONNREFUSED/);
  });

  it("keeps the EWS password encrypted at rest (AES-256-GCM, key file 0600 beside the store), and still tests with it", async () => {
    await t.api.createAvailabilityConfiguration({
      OrganizationId: t.org,
      DomainName: "corp.example.com",
      EwsProvider: ews(),
    });
    const stored = t.backend.db
      .prepare<[], string>("SELECT ews_password FROM availability_configurations")
      .pluck()
      .get() as string;
    expect(stored).not.toContain("S3cret");
    expect(stored).toMatch(/^aes-256-gcm:v1:/);
    const keyFile = join(t.dir, "secrets.key");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile).length).toBe(32);
    // The whole store file holds no plain-text copy either.
    t.backend.db.pragma("wal_checkpoint(TRUNCATE)");
    expect(readFileSync(join(t.dir, "store.db")).includes(Buffer.from("S3cret!pw"))).toBe(false);
    expect(
      await t.api.testAvailabilityConfiguration({ OrganizationId: t.org, DomainName: "corp.example.com" }),
    ).toEqual({ TestPassed: true });
    // Moved to another row, the ciphertext does not decrypt (the domain is authenticated with it).
    await t.api.createAvailabilityConfiguration({
      OrganizationId: t.org,
      DomainName: "other.example.com",
      EwsProvider: ews("other"),
    });
    t.backend.db
      .prepare("UPDATE availability_configurations SET ews_password = ? WHERE domain = 'other.example.com'")
      .run(stored);
    const moved = await failure(
      t.api.testAvailabilityConfiguration({ OrganizationId: t.org, DomainName: "other.example.com" }),
    );
    expect(moved.message).toContain("cannot be decrypted");
  });

  it("tests a Lambda provider (Region check only), and wants a domain or one provider", async () => {
    expect(
      await t.api.testAvailabilityConfiguration({ OrganizationId: t.org, LambdaProvider: { LambdaArn: LAMBDA } }),
    ).toEqual({ TestPassed: true });
    expect((await failure(t.api.testAvailabilityConfiguration({ OrganizationId: t.org }))).name).toBe(
      "InvalidParameterException",
    );
    expect(
      (
        await failure(
          t.api.testAvailabilityConfiguration({
            OrganizationId: t.org,
            DomainName: "x.example.com",
            LambdaProvider: { LambdaArn: LAMBDA },
          }),
        )
      ).name,
    ).toBe("InvalidParameterException");
    expect(
      (await failure(t.api.testAvailabilityConfiguration({ OrganizationId: t.org, DomainName: "x.example.com" }))).name,
    ).toBe("ResourceNotFoundException");
  });
});

describe("availability outside the CAP Regions", () => {
  it("fails the Lambda test in a Region without custom availability providers", async () => {
    const other = await openPolicyOrg({ region: "ap-southeast-2" });
    try {
      const r = await other.api.testAvailabilityConfiguration({
        OrganizationId: other.org,
        LambdaProvider: { LambdaArn: "arn:aws:lambda:us-east-1:111122223333:function:cap" },
      });
      expect(r.TestPassed).toBe(false);
      expect(r.FailureReason).toContain("us-east-1, us-west-2, eu-west-1");
    } finally {
      await other.close();
    }
  });
});

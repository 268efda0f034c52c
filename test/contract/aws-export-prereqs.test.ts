import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsExportPrereqs } from "../../src/backend/aws-export-prereqs.js";
import { exportRolePolicy, exportTrustPolicy } from "../../src/export-jobs/policies.js";
import { checkExportPrereqs } from "../../src/export-jobs/prereqs.js";

/**
 * The aws implementation of the export-prerequisites port, through the real S3, KMS and IAM SDK
 * clients, against a loopback server that answers as those services do (S3 REST/XML, KMS JSON,
 * IAM query/XML). Reached through AWS_ENDPOINT_URL_S3/_KMS/_IAM.
 */
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ROLE_ARN = "arn:aws:iam::111122223333:role/WorkmailMailboxExportRole";
const seen: string[] = [];
let server: Server;
const saved = { ...process.env };

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = "";
    req.on("data", (c: Buffer) => (s += c.toString()));
    req.on("end", () => resolve(s));
  });
const xml = (s: string) => `<?xml version="1.0" encoding="UTF-8"?>${s}`;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const text = await body(req);
    const target = req.headers["x-amz-target"];
    if (typeof target === "string" && target.startsWith("TrentService.")) {
      seen.push(`kms ${target.slice(13)}`);
      if (text.includes("missing")) {
        res.writeHead(400, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify({ __type: "NotFoundException", message: "Key 'missing' does not exist" }));
        return;
      }
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
      res.end(
        JSON.stringify({
          KeyMetadata: {
            Arn: KEY,
            KeyId: "1234abcd",
            KeySpec: "SYMMETRIC_DEFAULT",
            KeyUsage: "ENCRYPT_DECRYPT",
            Enabled: true,
            KeyState: "Enabled",
          },
        }),
      );
      return;
    }
    if (text.includes("Action=")) {
      const action = new URLSearchParams(text).get("Action") as string;
      seen.push(`iam ${action}`);
      if (new URLSearchParams(text).get("RoleName") === "MissingRole") {
        res.writeHead(404, { "content-type": "text/xml" });
        res.end(
          xml(
            `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name MissingRole cannot be found.</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
          ),
        );
        return;
      }
      res.writeHead(200, { "content-type": "text/xml" });
      const ns = 'xmlns="https://iam.amazonaws.com/doc/2010-05-08/"';
      if (action === "GetRole") {
        const trust = encodeURIComponent(JSON.stringify(exportTrustPolicy({ accountId: "111122223333" })));
        res.end(
          xml(
            `<GetRoleResponse ${ns}><GetRoleResult><Role><Path>/</Path><RoleName>WorkmailMailboxExportRole</RoleName><RoleId>AROAEXAMPLE</RoleId><Arn>${ROLE_ARN}</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>${trust}</AssumeRolePolicyDocument></Role></GetRoleResult></GetRoleResponse>`,
          ),
        );
      } else if (action === "ListRolePolicies") {
        res.end(
          xml(
            `<ListRolePoliciesResponse ${ns}><ListRolePoliciesResult><PolicyNames><member>MailboxExport</member></PolicyNames><IsTruncated>false</IsTruncated></ListRolePoliciesResult></ListRolePoliciesResponse>`,
          ),
        );
      } else {
        const doc = encodeURIComponent(
          JSON.stringify(
            exportRolePolicy({ bucket: "acme-exports", prefix: "mailbox-exports", keyArn: KEY, region: "us-east-1" }),
          ),
        );
        res.end(
          xml(
            `<GetRolePolicyResponse ${ns}><GetRolePolicyResult><RoleName>WorkmailMailboxExportRole</RoleName><PolicyName>MailboxExport</PolicyName><PolicyDocument>${doc}</PolicyDocument></GetRolePolicyResult></GetRolePolicyResponse>`,
          ),
        );
      }
      return;
    }
    const url = new URL(req.url ?? "/", "http://x");
    const sub = [...url.searchParams.keys()].find((k) => k !== "x-id") ?? "";
    seen.push(`s3 ${req.method} ${url.pathname}?${sub}`);
    if (url.pathname.startsWith("/missing-bucket")) {
      res.writeHead(404, { "content-type": "application/xml" });
      res.end(
        xml(
          `<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>missing-bucket</BucketName></Error>`,
        ),
      );
      return;
    }
    res.writeHead(200, { "content-type": "application/xml" });
    if (sub === "location")
      res.end(xml(`<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></LocationConstraint>`));
    else if (sub === "publicAccessBlock")
      res.end(
        xml(
          `<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`,
        ),
      );
    else if (sub === "policyStatus") res.end(xml(`<PolicyStatus><IsPublic>false</IsPublic></PolicyStatus>`));
    else res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: url,
    AWS_ENDPOINT_URL_KMS: url,
    AWS_ENDPOINT_URL_IAM: url,
    AWS_ACCESS_KEY_ID: "AKIDLOCAL",
    AWS_SECRET_ACCESS_KEY: "local-secret",
  });
});
afterAll(async () => {
  process.env = saved;
  await new Promise((r) => server.close(r));
});

describe("export prerequisites on the aws backend", () => {
  it("reads the bucket, key and role through the S3, KMS and IAM SDKs and finds them ready", async () => {
    const port = awsExportPrereqs({ region: "us-east-1", awsProfile: undefined, maxAttempts: 1 });
    const report = await checkExportPrereqs(
      port,
      {
        region: "us-east-1",
        accountId: "111122223333",
        organizationArn: "arn:aws:workmail:us-east-1:111122223333:organization/m-0123456789abcdef0123456789abcdef",
        bucket: "acme-exports",
        prefix: "mailbox-exports",
        keyArn: KEY,
        roleName: "WorkmailMailboxExportRole",
        pinOrganization: false,
      },
      false,
    );
    expect(report.checks.map((c) => [c.check, c.status])).toEqual([
      ["bucket", "ok"],
      ["bucket-region", "ok"],
      ["bucket-public-access", "ok"],
      ["kms-key", "ok"],
      ["role", "ok"],
      ["role-policy", "ok"],
    ]);
    expect(report.roleArn).toBe(ROLE_ARN);
    expect(seen).toEqual([
      "s3 GET /acme-exports/?location",
      "s3 GET /acme-exports/?publicAccessBlock",
      "s3 GET /acme-exports/?policyStatus",
      "kms DescribeKey",
      "iam GetRole",
      "iam ListRolePolicies",
      "iam GetRolePolicy",
    ]);
  });

  it("reports what does not exist, from the services' own not-found errors", async () => {
    const port = awsExportPrereqs({ region: "us-east-1", awsProfile: undefined, maxAttempts: 1 });
    const report = await checkExportPrereqs(
      port,
      {
        region: "us-east-1",
        accountId: "111122223333",
        organizationArn: "arn:aws:workmail:us-east-1:111122223333:organization/m-0123456789abcdef0123456789abcdef",
        bucket: "missing-bucket",
        prefix: "p",
        keyArn: "arn:aws:kms:us-east-1:111122223333:key/missing",
        roleName: "MissingRole",
        pinOrganization: false,
      },
      false,
    );
    expect(report.checks.map((c) => [c.check, c.status])).toEqual([
      ["bucket", "missing"],
      ["kms-key", "missing"],
      ["role", "missing"],
    ]);
  });
});

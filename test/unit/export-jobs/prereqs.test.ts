import { describe, expect, it } from "vitest";
import type { BucketFacts, ExportPrereqsPort, KeyFacts, RoleFacts } from "../../../src/backend/export-prereqs.js";
import {
  exportRolePolicy,
  exportTrustPolicy,
  missingExportPermissions,
  trustsExportService,
} from "../../../src/export-jobs/policies.js";
import { checkExportPrereqs, type PrereqSpec } from "../../../src/export-jobs/prereqs.js";

const ORG_ARN = "arn:aws:workmail:us-east-1:111122223333:organization/m-0123456789abcdef0123456789abcdef";

/** An in-memory account: what the S3, KMS and IAM calls would see. */
class FakeAccount implements ExportPrereqsPort {
  buckets = new Map<string, BucketFacts>();
  keys = new Map<string, KeyFacts>();
  roles = new Map<string, RoleFacts & { inlinePolicies: Record<string, unknown> }>();
  calls: string[] = [];
  async getBucket(b: string) {
    return this.buckets.get(b);
  }
  async createBucket(b: string, region: string) {
    this.calls.push(`CreateBucket ${b} ${region}`);
    this.buckets.set(b, { region, publicAccessBlocked: false, policyIsPublic: false });
  }
  async blockPublicAccess(b: string) {
    this.calls.push(`PutPublicAccessBlock ${b}`);
    const f = this.buckets.get(b) as BucketFacts;
    this.buckets.set(b, { ...f, publicAccessBlocked: true });
  }
  async getKey(arn: string) {
    return this.keys.get(arn);
  }
  async createKey(region: string) {
    const k = {
      arn: `arn:aws:kms:${region}:111122223333:key/new`,
      region,
      keySpec: "SYMMETRIC_DEFAULT",
      keyUsage: "ENCRYPT_DECRYPT",
      enabled: true,
    };
    this.calls.push(`CreateKey ${region}`);
    this.keys.set(k.arn, k);
    return k;
  }
  async getRole(name: string) {
    return this.roles.get(name);
  }
  async createRole(name: string, trust: string) {
    this.calls.push(`CreateRole ${name}`);
    const r = {
      arn: `arn:aws:iam::111122223333:role/${name}`,
      trustPolicy: JSON.parse(trust) as unknown,
      inlinePolicies: {},
    };
    this.roles.set(name, r);
    return r;
  }
  async putRolePolicy(role: string, name: string, doc: string) {
    this.calls.push(`PutRolePolicy ${role} ${name}`);
    (this.roles.get(role) as { inlinePolicies: Record<string, unknown> }).inlinePolicies[name] = JSON.parse(doc);
  }
}

const spec = (o: Partial<PrereqSpec> = {}): PrereqSpec => ({
  region: "us-east-1",
  accountId: "111122223333",
  organizationArn: ORG_ARN,
  bucket: "exports",
  prefix: "mailbox-exports",
  keyArn: undefined,
  roleName: "WorkmailMailboxExportRole",
  pinOrganization: false,
  ...o,
});

describe("export prerequisites", () => {
  it("reports everything missing in an empty account, and changes nothing", async () => {
    const account = new FakeAccount();
    const r = await checkExportPrereqs(account, spec(), false);
    expect(r.ready).toBe(false);
    expect(r.checks.map((c) => [c.check, c.status])).toEqual([
      ["bucket", "missing"],
      ["kms-key", "missing"],
      ["role", "missing"],
    ]);
    expect(account.calls).toEqual([]);
  });

  it("provisions the bucket without public access, a symmetric key and the role with the guide's policies", async () => {
    const account = new FakeAccount();
    const r = await checkExportPrereqs(account, spec({ pinOrganization: true }), true);
    expect(r.ready).toBe(true);
    expect(account.calls).toEqual([
      "CreateBucket exports us-east-1",
      "PutPublicAccessBlock exports",
      "CreateKey us-east-1",
      "CreateRole WorkmailMailboxExportRole",
      "PutRolePolicy WorkmailMailboxExportRole MailboxExport",
    ]);
    const role = account.roles.get("WorkmailMailboxExportRole")!;
    expect(trustsExportService(role.trustPolicy)).toBe(true);
    expect(JSON.stringify(role.trustPolicy)).toContain(ORG_ARN);
    expect(r.keyArn).toBe("arn:aws:kms:us-east-1:111122223333:key/new");
    // Everything in place: a second check is all ok and calls nothing.
    account.calls = [];
    const again = await checkExportPrereqs(account, spec({ keyArn: r.keyArn }), false);
    expect(again.checks.every((c) => c.status === "ok")).toBe(true);
    expect(account.calls).toEqual([]);
  });

  it("flags a bucket or key in another region, an asymmetric key, and a public bucket", async () => {
    const account = new FakeAccount();
    account.buckets.set("exports", { region: "eu-west-1", publicAccessBlocked: false, policyIsPublic: true });
    const key = "arn:aws:kms:eu-west-1:111122223333:key/rsa";
    account.keys.set(key, {
      arn: key,
      region: "eu-west-1",
      keySpec: "RSA_2048",
      keyUsage: "ENCRYPT_DECRYPT",
      enabled: true,
    });
    const r = await checkExportPrereqs(account, spec({ keyArn: key }), false);
    const byName = Object.fromEntries(r.checks.map((c) => [c.check, c]));
    expect(byName["bucket-region"]?.status).toBe("wrong");
    expect(byName["bucket-public-access"]?.detail).toContain("bucket policy makes the bucket public");
    expect(byName["kms-key"]?.status).toBe("wrong");
    expect(byName["kms-key"]?.detail).toContain("eu-west-1");
    expect(byName["kms-key"]?.detail).toContain("RSA_2048");
  });

  it("repairs a role that lacks the export permissions", async () => {
    const account = new FakeAccount();
    await account.createBucket("exports", "us-east-1");
    await account.blockPublicAccess("exports");
    const key = await account.createKey("us-east-1");
    await account.createRole(
      "WorkmailMailboxExportRole",
      JSON.stringify(exportTrustPolicy({ accountId: "111122223333" })),
    );
    account.calls = [];
    const before = await checkExportPrereqs(account, spec({ keyArn: key.arn }), false);
    expect(before.checks.find((c) => c.check === "role-policy")?.detail).toContain("s3:PutObject");
    const after = await checkExportPrereqs(account, spec({ keyArn: key.arn }), true);
    expect(after.ready).toBe(true);
    expect(account.calls).toEqual(["PutRolePolicy WorkmailMailboxExportRole MailboxExport"]);
  });
});

describe("the guide's policies", () => {
  it("grant exactly what an export needs, and wildcards count", () => {
    const doc = exportRolePolicy({
      bucket: "b",
      prefix: "p",
      keyArn: "arn:aws:kms:us-east-1:1:key/k",
      region: "us-east-1",
    });
    expect(missingExportPermissions([doc], { bucket: "b", keyArn: "arn:aws:kms:us-east-1:1:key/k" })).toEqual([]);
    expect(missingExportPermissions([doc], { bucket: "other", keyArn: "arn:aws:kms:us-east-1:1:key/k" })).toEqual([
      "s3:PutObject",
      "s3:AbortMultipartUpload",
      "s3:GetBucketPolicyStatus",
    ]);
    const admin = { Statement: { Effect: "Allow", Action: "*", Resource: "*" } };
    expect(missingExportPermissions([admin], { bucket: "b", keyArn: "k" })).toEqual([]);
    expect(
      trustsExportService({
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    ).toBe(false);
  });
});

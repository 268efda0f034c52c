import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3ExportStorage } from "../../src/backend/s3-export-storage.js";
import type { RunningSimulator } from "../../src/backend/simulator-server.js";
import { verifyExport } from "../../src/export-jobs/verify.js";
import { serveSimulator } from "../../src/local-backend/http/simulator-server.js";
import { MailOrg, message } from "../helpers/mail-org.js";

/**
 * `export verify` on the aws backend downloads the zip and the log from S3. Here S3 is the served
 * simulator's (path-style GET and HEAD on the WorkMail endpoint, SigV4 for s3), reached by the real
 * @aws-sdk/client-s3 the way wmctl --endpoint-url reaches it.
 */
let o: MailOrg;
let running: RunningSimulator;
const requests: string[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  o = await MailOrg.open();
  running = await serveSimulator({
    dataDir: o.dir,
    region: "us-east-1",
    host: "127.0.0.1",
    port: 0,
    auth: true,
    faults: {},
    log: (line) => requests.push(line),
  });
  const c = await running.control.credentials();
  // The S3 client takes its keys from the SDK's chain, as wmctl's does.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: c.accessKeyId, AWS_SECRET_ACCESS_KEY: c.secretAccessKey });
});
afterAll(async () => {
  process.env = saved;
  await running.stop();
  await o.close();
});

describe("export verify through S3", () => {
  it("downloads the zip and the log with the S3 SDK and checks them", async () => {
    await o.user("alice");
    await o.deliver(o.email("alice"), [message("one"), message("two", "x".repeat(200_000))]);
    const { JobId } = await o.api.startMailboxExportJob({
      OrganizationId: o.orgId,
      EntityId: "alice",
      ClientToken: "t",
      RoleArn: "arn:aws:iam::111122223333:role/r",
      KmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k",
      S3BucketName: "exports",
      S3Prefix: "p",
    });
    const d = await o.api.describeMailboxExportJob({ OrganizationId: o.orgId, JobId: JobId as string });
    const storage = s3ExportStorage({
      region: "us-east-1",
      awsProfile: undefined,
      maxAttempts: 1,
      endpoint: running.endpoint,
    });
    const report = await verifyExport(storage, "exports", d.S3Path as string);
    expect(report.checks.map((c) => [c.check, c.status])).toEqual([
      ["log", "ok"],
      ["zip", "ok"],
      ["entries", "ok"],
      ["sha384Hash", "ok"],
      ["totalMessages", "ok"],
      ["totalBytes", "ok"],
      ["totalFolders", "ok"],
    ]);
    expect(report.zipLocation).toBe(`s3://exports/${d.S3Path}`);
    expect(requests.some((l) => l.startsWith(`200 s3 GET /exports/${d.S3Path} `))).toBe(true);
    expect(await storage.size("exports", "p/none.zip")).toBeUndefined();
  });
});

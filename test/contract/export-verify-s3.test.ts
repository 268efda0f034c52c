import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3ExportStorage } from "../../src/backend/s3-export-storage.js";
import { verifyExport } from "../../src/export-jobs/verify.js";
import { MailOrg, message } from "../helpers/mail-org.js";

/**
 * `export verify` on the aws backend downloads the zip and the log from S3. Here S3 is a loopback
 * server that serves the simulator's bucket folders (path-style GET and HEAD), reached by the real
 * @aws-sdk/client-s3 through AWS_ENDPOINT_URL_S3.
 */
let o: MailOrg;
let server: Server;
const requests: string[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  o = await MailOrg.open();
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const path = join(o.dir, "s3", ...decodeURIComponent((req.url ?? "/").split("?")[0] as string).split("/").filter((s) => s !== ""));
    if (!existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404, { "content-type": "application/xml" });
      res.end(req.method === "HEAD" ? undefined : "<Error><Code>NoSuchKey</Code><Message>missing</Message></Error>");
      return;
    }
    res.writeHead(200, { "content-length": statSync(path).size, "content-type": "application/octet-stream" });
    if (req.method === "HEAD") res.end();
    else createReadStream(path).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_ACCESS_KEY_ID: "AKIDLOCAL",
    AWS_SECRET_ACCESS_KEY: "local-secret",
  });
});
afterAll(async () => {
  process.env = saved;
  await new Promise((r) => server.close(r));
  await o.close();
});

describe("export verify through S3", () => {
  it("downloads the zip and the log with the S3 SDK and checks them", async () => {
    await o.user("alice");
    await o.deliver(o.email("alice"), [message("one"), message("two", "x".repeat(200_000))]);
    const { JobId } = await o.api.startMailboxExportJob({
      OrganizationId: o.orgId, EntityId: "alice", ClientToken: "t", RoleArn: "arn:aws:iam::111122223333:role/r",
      KmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k", S3BucketName: "exports", S3Prefix: "p",
    });
    const d = await o.api.describeMailboxExportJob({ OrganizationId: o.orgId, JobId: JobId as string });
    const storage = s3ExportStorage({ region: "us-east-1", awsProfile: undefined, maxAttempts: 1 });
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
    expect(requests).toContain(`GET /exports/${d.S3Path}?x-id=GetObject`);
    expect(await storage.size("exports", "p/none.zip")).toBeUndefined();
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import { ListHostedZonesByNameCommand, Route53Client } from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRoute53HostedZones } from "../../src/backend/route53-hosted-zones.js";
import type { RunningSimulator } from "../../src/backend/simulator-server.js";
import { toCliError } from "../../src/errors/to-cli-error.js";
import { serveSimulator } from "../../src/local-backend/http/simulator-server.js";
import { raw } from "./raw-http.js";

/**
 * The served simulator answers three APIs on one endpoint, each signed for its own service: WorkMail
 * (POST / with X-Amz-Target), Route 53 (restXml under /2013-04-01/, signed for us-east-1) and the
 * read side of S3 (path-style, signed for s3 in the simulator's region), through the real SDKs.
 */
let dir: string;
let running: RunningSimulator;
let creds: { accessKeyId: string; secretAccessKey: string };
const ZIP = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-served-s3-"));
  running = await serveSimulator({
    dataDir: dir,
    region: "eu-west-1",
    host: "127.0.0.1",
    port: 0,
    auth: true,
    faults: {},
  });
  const c = await running.control.credentials();
  creds = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey };
  const folder = join(dir, "s3", "exports", "p");
  mkdirSync(join(folder, "sub"), { recursive: true });
  writeFileSync(join(folder, "job-1.zip"), ZIP);
  writeFileSync(join(folder, "job-1.log.json"), '{"totalMessages":"1"}\n');
  writeFileSync(join(folder, "job-2.zip.partial-abc"), "being written");
  writeFileSync(join(folder, "sub", "a b+c.txt"), "spaces");
});
afterAll(async () => {
  await running.stop();
  rmSync(dir, { recursive: true, force: true });
});

const s3 = (options: Partial<ConstructorParameters<typeof S3Client>[0]> = {}) =>
  new S3Client({
    region: "eu-west-1",
    endpoint: running.endpoint,
    forcePathStyle: true,
    credentials: creds,
    maxAttempts: 1,
    ...options,
  });

async function fails(p: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    return {
      name: (e as Error).name,
      status: (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode,
    };
  }
  throw new Error("expected the call to fail");
}

describe("S3 reads on the served endpoint", () => {
  it("gets, heads and ranges an object with the S3 SDK", async () => {
    const head = await s3().send(new HeadObjectCommand({ Bucket: "exports", Key: "p/job-1.zip" }));
    expect(head).toMatchObject({ ContentLength: ZIP.length, ContentType: "application/zip", AcceptRanges: "bytes" });
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const got = await s3().send(new GetObjectCommand({ Bucket: "exports", Key: "p/job-1.zip" }));
    expect(
      Buffer.from(await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()),
    ).toEqual(ZIP);
    const part = await s3().send(
      new GetObjectCommand({ Bucket: "exports", Key: "p/job-1.zip", Range: "bytes=100-199" }),
    );
    expect(part).toMatchObject({ ContentLength: 100, ContentRange: `bytes 100-199/${ZIP.length}` });
    expect(
      Buffer.from(await (part.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()),
    ).toEqual(ZIP.subarray(100, 200));
    const spaced = await s3().send(new GetObjectCommand({ Bucket: "exports", Key: "p/sub/a b+c.txt" }));
    expect(await (spaced.Body as { transformToString(): Promise<string> }).transformToString()).toBe("spaces");
  });

  it("lists buckets and objects (prefix, delimiter, pages), never the files still being written", async () => {
    expect((await s3().send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(["exports"]);
    const all = await s3().send(new ListObjectsV2Command({ Bucket: "exports" }));
    expect(all.Contents?.map((c) => [c.Key, c.Size])).toEqual([
      ["p/job-1.log.json", 22],
      ["p/job-1.zip", ZIP.length],
      ["p/sub/a b+c.txt", 6],
    ]);
    const folders = await s3().send(new ListObjectsV2Command({ Bucket: "exports", Prefix: "p/", Delimiter: "/" }));
    expect(folders.Contents?.map((c) => c.Key)).toEqual(["p/job-1.log.json", "p/job-1.zip"]);
    expect(folders.CommonPrefixes).toEqual([{ Prefix: "p/sub/" }]);
    const first = await s3().send(new ListObjectsV2Command({ Bucket: "exports", MaxKeys: 2 }));
    expect(first).toMatchObject({ IsTruncated: true, KeyCount: 2 });
    const second = await s3().send(
      new ListObjectsV2Command({ Bucket: "exports", MaxKeys: 2, ContinuationToken: first.NextContinuationToken }),
    );
    expect(second.Contents?.map((c) => c.Key)).toEqual(["p/sub/a b+c.txt"]);
    expect(second.IsTruncated).toBe(false);
  });

  it("answers S3's errors: NoSuchKey, NoSuchBucket, a bad signature, an unknown key, the wrong region", async () => {
    expect(await fails(s3().send(new GetObjectCommand({ Bucket: "exports", Key: "p/none.zip" })))).toEqual({
      name: "NoSuchKey",
      status: 404,
    });
    expect(await fails(s3().send(new GetObjectCommand({ Bucket: "exports", Key: "p/job-2.zip.partial-abc" })))).toEqual(
      { name: "NoSuchKey", status: 404 },
    );
    expect(await fails(s3().send(new HeadObjectCommand({ Bucket: "exports", Key: "p/none.zip" })))).toEqual({
      name: "NotFound",
      status: 404,
    });
    expect(await fails(s3().send(new ListObjectsV2Command({ Bucket: "nobucket" })))).toEqual({
      name: "NoSuchBucket",
      status: 404,
    });
    const bad = s3({ credentials: { ...creds, secretAccessKey: "wrong" } }).send(
      new GetObjectCommand({ Bucket: "exports", Key: "p/job-1.zip" }),
    );
    expect(await fails(bad)).toEqual({ name: "SignatureDoesNotMatch", status: 403 });
    const unknown = s3({ credentials: { ...creds, accessKeyId: "AKIDUNKNOWN" } }).send(
      new GetObjectCommand({ Bucket: "exports", Key: "p/job-1.zip" }),
    );
    expect(await fails(unknown)).toEqual({ name: "InvalidAccessKeyId", status: 403 });
    expect(await fails(s3({ region: "us-west-2" }).send(new ListObjectsV2Command({ Bucket: "exports" })))).toEqual({
      name: "AuthorizationHeaderMalformed",
      status: 400,
    });
    const e = await s3({ credentials: { ...creds, secretAccessKey: "wrong" } })
      .send(new ListBucketsCommand({}))
      .catch((x: unknown) => x);
    expect(toCliError(e).exitCode).toBe(4);
  });

  it("refuses unsigned reads (AccessDenied) and writes (NotImplemented), and keeps WorkMail's POST / routing", async () => {
    const unsigned = await raw(running.endpoint, { method: "GET", path: "/exports/p/job-1.zip", contentType: null });
    expect(unsigned.status).toBe(403);
    expect(unsigned.text).toContain("<Code>AccessDenied</Code>");
    const put = await raw(running.endpoint, {
      method: "PUT",
      path: "/exports/p/new.txt",
      contentType: null,
      body: "x",
      sign: { ...creds, region: "eu-west-1", service: "s3" },
    });
    expect(put.status).toBe(501);
    expect(put.text).toContain("<Code>NotImplemented</Code>");
    // A WorkMail request on any path, even one that looks like a bucket, stays WorkMail.
    const wm = await raw(running.endpoint, {
      path: "/exports/p",
      target: "WorkMailService.ListOrganizations",
      body: "{}",
      sign: { ...creds, region: "eu-west-1" },
    });
    expect([wm.status, wm.json()]).toEqual([200, { OrganizationSummaries: [] }]);
    // A GET of / that is not signed for S3 is still answered as the WorkMail front end does.
    const get = await raw(running.endpoint, { method: "GET", contentType: null });
    expect(get.status).toBe(403);
    expect(get.text).toContain("Unable to determine service/operation name to be authorized");
  });
});

describe("Route 53 on the served endpoint", () => {
  it("serves the hosted-zones port through the Route 53 SDK, signed for us-east-1", async () => {
    const zones = await createRoute53HostedZones({
      awsProfile: undefined,
      endpoint: running.endpoint,
      maxAttempts: 1,
      credentials: creds,
    });
    const created = await zones.createHostedZone({ Name: "example.com", CallerReference: "r1" });
    expect(created.HostedZone?.Name).toBe("example.com.");
    const found = await zones.listHostedZonesByName({ DNSName: "example.com" });
    expect(found.HostedZones?.map((z) => z.Id)).toEqual([created.HostedZone?.Id]);
    // The same zones the simulator's own Route 53 holds.
    const status = await running.control.status();
    expect(status.tables.hosted_zones).toBe(1);
  });

  it("answers Route 53's own error shapes for signatures and unknown zones", async () => {
    const client = (c = creds, region = "us-east-1") =>
      new Route53Client({ region, endpoint: running.endpoint, credentials: c, maxAttempts: 1 });
    const fail = (c: Route53Client) =>
      c.send(new ListHostedZonesByNameCommand({})).then(
        () => undefined,
        (e: unknown) => e as Error & { $metadata: { httpStatusCode?: number } },
      );
    expect((await fail(client({ ...creds, secretAccessKey: "wrong" })))?.name).toBe("SignatureDoesNotMatch");
    const unknown = await fail(client({ ...creds, accessKeyId: "AKIDUNKNOWN" }));
    expect([unknown?.name, unknown?.$metadata.httpStatusCode]).toEqual(["InvalidClientTokenId", 403]);
    expect(toCliError(unknown).exitCode).toBe(4);
    // The simulator's own region is accepted too (the AWS CLI signs with it given --endpoint-url); others are not.
    expect(await fail(client(creds, "eu-west-1"))).toBeUndefined();
    expect((await fail(client(creds, "ap-south-1")))?.name).toBe("SignatureDoesNotMatch");
    const unsigned = await raw(running.endpoint, {
      method: "GET",
      path: "/2013-04-01/hostedzonesbyname",
      contentType: null,
    });
    expect(unsigned.status).toBe(403);
    expect(unsigned.text).toContain("<Code>MissingAuthenticationToken</Code>");
    const zones = await createRoute53HostedZones({
      awsProfile: undefined,
      endpoint: running.endpoint,
      maxAttempts: 1,
      credentials: creds,
    });
    const missing = await zones.getChange({ Id: "C0000000000" }).catch((e: unknown) => e as Error);
    expect((missing as Error).name).toBe("NoSuchChange");
  });
});

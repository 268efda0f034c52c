import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { advanceClock } from "../../src/local-backend/clock.js";
import { registerBucket } from "../../src/local-backend/export/buckets.js";
import { MailOrg, message } from "../helpers/mail-org.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ROLE = "arn:aws:iam::111122223333:role/WorkmailMailboxExportRole";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

let o: MailOrg;
let token = 0;
beforeEach(async () => {
  o = await MailOrg.open();
});
afterEach(() => o.close());

function start(entity: string, overrides: Record<string, string> = {}) {
  return o.api.startMailboxExportJob({
    OrganizationId: o.orgId,
    EntityId: entity,
    ClientToken: `token-${++token}`,
    RoleArn: ROLE,
    KmsKeyArn: KEY,
    S3BucketName: "exports",
    S3Prefix: "workmail",
    ...overrides,
  });
}

function describeJob(jobId: string) {
  return o.api.describeMailboxExportJob({ OrganizationId: o.orgId, JobId: jobId });
}

/** Rejects with the service error's name and message. */
async function error(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
  throw new Error("expected the call to fail");
}

describe("StartMailboxExportJob", () => {
  it("requires every member the model requires", async () => {
    await o.user("alice");
    for (const missing of ["ClientToken", "RoleArn", "KmsKeyArn", "S3BucketName", "S3Prefix", "EntityId"]) {
      const input: Record<string, unknown> = {
        OrganizationId: o.orgId,
        EntityId: "alice",
        ClientToken: "t",
        RoleArn: ROLE,
        KmsKeyArn: KEY,
        S3BucketName: "exports",
        S3Prefix: "p",
      };
      // An SDK fills in a missing ClientToken itself (an idempotency token): send an empty one instead.
      if (missing === "ClientToken") input[missing] = "";
      else delete input[missing];
      const e = await error(o.api.startMailboxExportJob(input as never));
      expect(e.name, missing).toBe("ValidationException");
      expect(e.message, missing).toContain(missing.charAt(0).toLowerCase() + missing.slice(1));
    }
  });

  it("exports a user's mailbox to <bucket>/<prefix>/<job>.zip and describes it", async () => {
    await o.user("alice");
    await o.deliver(o.email("alice"), [message("one"), message("two")]);
    const { JobId } = await start("alice", { Description: "leaver" });
    expect(JobId).toMatch(/^[A-Za-z0-9-]+$/);
    const d = await describeJob(JobId as string);
    expect(d).toMatchObject({
      State: "COMPLETED",
      EstimatedProgress: 100,
      S3BucketName: "exports",
      S3Prefix: "workmail",
      S3Path: `workmail/${JobId}.zip`,
      RoleArn: ROLE,
      KmsKeyArn: KEY,
      Description: "leaver",
    });
    expect(d.EndTime!.getTime()).toBeGreaterThanOrEqual(d.StartTime!.getTime());
    expect(existsSync(join(o.dir, "s3", "exports", "workmail", `${JobId}.zip`))).toBe(true);
    expect(existsSync(join(o.dir, "s3", "exports", "workmail", `${JobId}.log.json`))).toBe(true);
  });

  it("fails the job, naming the file, when a message's file is missing from the store (never a short export)", async () => {
    await o.user("alice");
    await o.deliver(o.email("alice"), [message("one"), message("two")]);
    const row = o.backend.db
      .prepare<[], { file: string }>("SELECT file FROM mail_items ORDER BY seq DESC LIMIT 1")
      .get() as { file: string };
    rmSync(join(o.dir, "mail", row.file));
    const { JobId } = await start("alice");
    const d = await describeJob(JobId as string);
    expect(d.State).toBe("FAILED");
    expect(d.ErrorInfo).toContain("missing");
    expect(d.ErrorInfo).toContain(row.file);
    expect(existsSync(join(o.dir, "s3", "exports", "workmail", `${JobId}.zip`))).toBe(false);
    expect(readdirSync(join(o.dir, "s3", "exports", "workmail"))).toEqual([]);
  });

  it("accepts the mailbox as an id, a name or an email, for users and resources", async () => {
    const id = await o.user("alice");
    const room = await o.resource("room1");
    const jobs = [await start(id), await start(o.email("room1"))];
    expect((await describeJob(jobs[0]!.JobId as string)).EntityId).toBe(id);
    expect((await describeJob(jobs[1]!.JobId as string)).EntityId).toBe(room);
  });

  it("refuses groups, unknown entities and users without a mailbox", async () => {
    const g = await o.group("sales");
    await o.user("remote", { role: "REMOTE_USER" });
    await o.user("never", { enable: false });
    expect((await error(start(g))).name).toBe("InvalidParameterException");
    expect((await error(start("nobody"))).name).toBe("EntityNotFoundException");
    expect((await error(start("remote"))).name).toBe("EntityNotFoundException");
    expect((await error(start("never"))).name).toBe("EntityNotFoundException");
    const other = await error(
      o.api.startMailboxExportJob({
        OrganizationId: "m-0123456789abcdef0123456789abcdef",
        EntityId: "x",
        ClientToken: "t",
        RoleArn: ROLE,
        KmsKeyArn: KEY,
        S3BucketName: "b",
        S3Prefix: "p",
      }),
    );
    expect(other.name).toBe("OrganizationNotFoundException");
  });

  it("answers OrganizationStateException while the organization is not Active", async () => {
    o.lifecycle({ organizationCreateSeconds: 3600 });
    const { OrganizationId } = await o.api.createOrganization({
      Alias: `creating${token}x`,
      ClientToken: `org-${token}`,
    });
    const e = await error(
      o.api.startMailboxExportJob({
        OrganizationId: OrganizationId as string,
        EntityId: "x",
        ClientToken: "t",
        RoleArn: ROLE,
        KmsKeyArn: KEY,
        S3BucketName: "b",
        S3Prefix: "p",
      }),
    );
    expect(e.name).toBe("OrganizationStateException");
    expect((await error(o.api.listMailboxExportJobs({ OrganizationId: OrganizationId as string }))).name).toBe(
      "OrganizationStateException",
    );
  });

  it("exports a disabled user's mailbox within the 30 days it is kept", async () => {
    const id = await o.user("leaver");
    await o.deliver(o.email("leaver"), [message("keep me")]);
    await o.disable(id);
    const { JobId } = await start("leaver");
    expect((await describeJob(JobId as string)).State).toBe("COMPLETED");
  });

  it("is idempotent on ClientToken: same request, same job; other parameters, InvalidParameterException", async () => {
    await o.user("alice");
    const input = {
      OrganizationId: o.orgId,
      EntityId: "alice",
      ClientToken: "same-token",
      RoleArn: ROLE,
      KmsKeyArn: KEY,
      S3BucketName: "exports",
      S3Prefix: "p",
    };
    const first = await o.api.startMailboxExportJob(input);
    const again = await o.api.startMailboxExportJob(input);
    expect(again.JobId).toBe(first.JobId);
    expect((await o.api.listMailboxExportJobs({ OrganizationId: o.orgId })).Jobs).toHaveLength(1);
    const e = await error(o.api.startMailboxExportJob({ ...input, S3Prefix: "other" }));
    expect(e.name).toBe("InvalidParameterException");
  });

  it("needs the organization, the KMS key and the bucket in one region", async () => {
    await o.user("alice");
    const key = await error(start("alice", { KmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/abcd" }));
    expect(key).toMatchObject({ name: "InvalidParameterException" });
    expect(key.message).toContain("eu-west-1");
    o.backend.tx((sim) => registerBucket(sim, { name: "dublin-bucket", region: "eu-west-1" }));
    const bucket = await error(start("alice", { S3BucketName: "dublin-bucket" }));
    expect(bucket.name).toBe("InvalidParameterException");
    expect(bucket.message).toContain("dublin-bucket is in eu-west-1");
  });

  it("refuses ARNs that are not an IAM role or a KMS key", async () => {
    await o.user("alice");
    expect((await error(start("alice", { RoleArn: "arn:aws:iam::111122223333:user/bob" }))).name).toBe(
      "InvalidParameterException",
    );
    expect((await error(start("alice", { KmsKeyArn: "arn:aws:kms:us-east-1:111122223333:grant/xyz" }))).name).toBe(
      "InvalidParameterException",
    );
    expect((await error(start("alice", { RoleArn: "not-an-arn-at-all-xx" }))).name).toBe("ValidationException");
  });

  it("fails the job (not the call) when the bucket allows public access", async () => {
    await o.user("alice");
    o.backend.tx((sim) => registerBucket(sim, { name: "open-bucket", publicAccess: true }));
    const { JobId } = await start("alice", { S3BucketName: "open-bucket" });
    const d = await describeJob(JobId as string);
    expect(d.State).toBe("FAILED");
    expect(d.ErrorInfo).toContain("public access");
    expect(existsSync(join(o.dir, "s3", "open-bucket", "workmail", `${JobId}.zip`))).toBe(false);
  });

  it("refuses a prefix the local bucket folder cannot hold", async () => {
    await o.user("alice");
    expect((await error(start("alice", { S3Prefix: "../../escape" }))).name).toBe("InvalidParameterException");
  });

  it("refuses bucket names S3 refuses, and writes nothing outside the bucket folder", async () => {
    await o.user("alice");
    const bad = [
      ".",
      "..",
      "...",
      "ab",
      "-abc",
      "abc-",
      "a..b",
      "Exports",
      "my_bucket",
      "192.168.5.4",
      "xn--bucket",
      "sthree-x",
      "x-s3alias",
      "x--ol-s3",
      "a".repeat(64),
      "amzn-s3-demo-x",
      "x.mrap",
      "x--x-s3",
      "x--table-s3",
    ];
    for (const name of bad) {
      const e = await error(start("alice", { S3BucketName: name, S3Prefix: "x" }));
      expect(e.name, name).toMatch(/^(InvalidParameterException|ValidationException)$/);
    }
    expect(existsSync(join(o.dir, "x"))).toBe(false);
    expect(existsSync(join(o.dir, "s3", "x"))).toBe(false);
    const ok = ["abc", "my.bucket-1", "a".repeat(63), "1.2.3"];
    for (const name of ok) {
      const { JobId } = await o.api.startMailboxExportJob({
        OrganizationId: o.orgId,
        EntityId: "alice",
        ClientToken: `ok-${name}`,
        RoleArn: ROLE,
        KmsKeyArn: KEY,
        S3BucketName: name,
        S3Prefix: "p",
      });
      expect((await describeJob(JobId as string)).State, name).toBe("COMPLETED");
      expect(existsSync(join(o.dir, "s3", name, "p", `${JobId}.zip`)), name).toBe(true);
      await o.control.advance(25 * HOUR);
    }
  });
});

describe("export limits", () => {
  it("runs at most 10 concurrent jobs per organization: the 11th is LimitExceededException", async () => {
    o.lifecycle({ exportJobSeconds: 3600 });
    for (let i = 0; i < 12; i++) await o.user(`u${i}`);
    const jobs: string[] = [];
    for (let i = 0; i < 10; i++) jobs.push((await start(`u${i}`)).JobId as string);
    const eleventh = await error(start("u10"));
    expect(eleventh.name).toBe("LimitExceededException");
    expect(eleventh.message).toContain("10");
    // A cancelled job frees its slot.
    await o.api.cancelMailboxExportJob({ OrganizationId: o.orgId, JobId: jobs[0] as string, ClientToken: "c1" });
    await start("u10");
    expect((await error(start("u11"))).name).toBe("LimitExceededException");
    // Jobs past their due time are done: the slots are free again.
    await o.control.advance(2 * HOUR);
    await start("u11");
  });

  it("exports a mailbox at most once every 24 hours (23 h: refused, 25 h: allowed)", async () => {
    await o.user("alice");
    const first = await start("alice");
    expect((await describeJob(first.JobId as string)).State).toBe("COMPLETED");
    await o.control.advance(23 * HOUR);
    const e = await error(start("alice"));
    expect(e.name).toBe("LimitExceededException");
    expect(e.message).toContain("24 hours");
    await o.control.advance(2 * HOUR);
    const second = await start("alice");
    expect(second.JobId).not.toBe(first.JobId);
    expect((await describeJob(second.JobId as string)).State).toBe("COMPLETED");
  });

  it("counts cancelled jobs for the 24-hour rule", async () => {
    o.lifecycle({ exportJobSeconds: 3600 });
    await o.user("alice");
    const { JobId } = await start("alice");
    await o.api.cancelMailboxExportJob({ OrganizationId: o.orgId, JobId: JobId as string, ClientToken: "c" });
    expect((await error(start("alice"))).name).toBe("LimitExceededException");
  });
});

describe("job lifecycle", () => {
  it("is RUNNING until its due time, with progress following the simulator clock", async () => {
    o.lifecycle({ exportJobSeconds: 3600 });
    await o.user("alice");
    await o.deliver(o.email("alice"), [message("x")]);
    const { JobId } = await start("alice");
    const id = JobId as string;
    const at0 = await describeJob(id);
    expect(at0).toMatchObject({ State: "RUNNING" });
    expect(at0.EstimatedProgress).toBeLessThan(5);
    expect(at0.EndTime).toBeUndefined();
    await o.control.advance(30 * 60_000);
    const half = await describeJob(id);
    expect(half.State).toBe("RUNNING");
    expect(half.EstimatedProgress).toBeGreaterThanOrEqual(44);
    expect(half.EstimatedProgress).toBeLessThanOrEqual(46);
    expect(existsSync(join(o.dir, "s3", "exports", "workmail", `${id}.zip`))).toBe(false);
    await o.control.advance(31 * 60_000);
    const done = await describeJob(id);
    expect(done).toMatchObject({ State: "COMPLETED", EstimatedProgress: 100 });
    expect(done.EndTime!.getTime() - done.StartTime!.getTime()).toBeGreaterThanOrEqual(3600_000);
  });

  it("adds the size part of the duration (exportMegabytesPerSecond)", async () => {
    o.lifecycle({ exportJobSeconds: 0, exportMegabytesPerSecond: 1 });
    await o.user("alice");
    await o.deliver(o.email("alice"), [message("big", "x".repeat(3 * 1024 * 1024))]);
    const { JobId } = await start("alice");
    expect((await describeJob(JobId as string)).State).toBe("RUNNING");
    await o.control.advance(4000);
    expect((await describeJob(JobId as string)).State).toBe("COMPLETED");
  });

  it("cancels a running job: CANCELLED, no zip, and a second cancel is accepted", async () => {
    o.lifecycle({ exportJobSeconds: 3600 });
    await o.user("alice");
    const { JobId } = await start("alice");
    const id = JobId as string;
    await o.api.cancelMailboxExportJob({ OrganizationId: o.orgId, JobId: id, ClientToken: "c1" });
    const d = await describeJob(id);
    expect(d.State).toBe("CANCELLED");
    expect(d.EndTime).toBeInstanceOf(Date);
    await o.api.cancelMailboxExportJob({ OrganizationId: o.orgId, JobId: id, ClientToken: "c2" });
    await o.control.advance(2 * HOUR);
    expect((await describeJob(id)).State).toBe("CANCELLED");
    expect(existsSync(join(o.dir, "s3", "exports", "workmail", `${id}.zip`))).toBe(false);
  });

  it("removes the partial zip and log of a writer that died (its lease expired) when the job is taken over or cancelled", async () => {
    await o.user("alice");
    await o.user("bob");
    await o.deliver(o.email("alice"), [message("one")]);
    o.lifecycle({ exportJobSeconds: 3600 });
    const a = (await start("alice")).JobId as string;
    const b = (await start("bob")).JobId as string;
    const folder = join(o.dir, "s3", "exports", "workmail");
    mkdirSync(folder, { recursive: true });
    // What a killed `export all` leaves: a lease that expired and half-written files.
    for (const job of [a, b]) {
      writeFileSync(join(folder, `${job}.zip.partial-dead-writer`), "PK half a zip");
      writeFileSync(join(folder, `${job}.log.json.partial-dead-writer`), "{");
      o.backend.db
        .prepare("UPDATE export_jobs SET lease_id = 'dead-writer', lease_until = ? WHERE id = ?")
        .run(Date.now() - 1000, job);
    }
    await o.api.cancelMailboxExportJob({ OrganizationId: o.orgId, JobId: b, ClientToken: "cancel-b" });
    await o.control.advance(2 * HOUR);
    expect((await describeJob(a)).State).toBe("COMPLETED");
    expect(readdirSync(folder).sort()).toEqual([`${a}.log.json`, `${a}.zip`]);
  });

  it("cannot cancel a job that has completed, or an unknown job", async () => {
    await o.user("alice");
    const { JobId } = await start("alice");
    const e = await error(
      o.api.cancelMailboxExportJob({ OrganizationId: o.orgId, JobId: JobId as string, ClientToken: "c" }),
    );
    expect(e.name).toBe("InvalidParameterException");
    expect(e.message).toContain("COMPLETED");
    expect(
      (await error(o.api.cancelMailboxExportJob({ OrganizationId: o.orgId, JobId: "no-such-job", ClientToken: "c" })))
        .name,
    ).toBe("EntityNotFoundException");
    expect((await error(describeJob("no-such-job"))).name).toBe("EntityNotFoundException");
  });

  it("lists the jobs of the last seven days only, and pages them", async () => {
    for (const n of ["a1", "a2", "a3"]) {
      await o.user(n);
      await start(n);
    }
    const page1 = await o.api.listMailboxExportJobs({ OrganizationId: o.orgId, MaxResults: 2 });
    expect(page1.Jobs).toHaveLength(2);
    const page2 = await o.api.listMailboxExportJobs({
      OrganizationId: o.orgId,
      MaxResults: 2,
      NextToken: page1.NextToken,
    });
    expect(page2.Jobs).toHaveLength(1);
    expect(page2.NextToken).toBeUndefined();
    expect(page2.Jobs![0]).toMatchObject({ State: "COMPLETED", S3BucketName: "exports", EstimatedProgress: 100 });
    await o.control.advance(6 * DAY);
    expect((await o.api.listMailboxExportJobs({ OrganizationId: o.orgId })).Jobs).toHaveLength(3);
    await o.control.advance(DAY + HOUR);
    expect((await o.api.listMailboxExportJobs({ OrganizationId: o.orgId })).Jobs).toEqual([]);
    // Describe still knows them.
    expect((await describeJob(page2.Jobs![0]!.JobId as string)).State).toBe("COMPLETED");
  });

  it("writes a job once even when several callers see it due at the same time", async () => {
    await o.user("alice");
    await o.deliver(
      o.email("alice"),
      Array.from({ length: 50 }, (_, i) => message(`m${i}`, "y".repeat(20_000))),
    );
    o.lifecycle({ exportJobSeconds: 60 });
    const { JobId } = await start("alice");
    advanceClock(o.backend.db, 61_000);
    const seen = await Promise.all([
      describeJob(JobId as string),
      describeJob(JobId as string),
      o.api.listMailboxExportJobs({ OrganizationId: o.orgId }),
    ]);
    const states = [seen[0].State, seen[1].State];
    expect(states).toContain("COMPLETED");
    expect((await describeJob(JobId as string)).State).toBe("COMPLETED");
    const files = readdirSync(join(o.dir, "s3", "exports", "workmail"));
    expect(files.sort()).toEqual([`${JobId}.log.json`, `${JobId}.zip`]);
  });
});

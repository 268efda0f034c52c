import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { simNow } from "../../src/local-backend/clock.js";
import { registerBucket } from "../../src/local-backend/export/buckets.js";
import { exportAll, type ExportAllOptions, type MailboxTarget } from "../../src/export-jobs/export-all.js";
import { ExportLedger } from "../../src/export-jobs/ledger.js";
import { MailOrg, message } from "../helpers/mail-org.js";

const MIN = 60_000;
const DESTINATION = {
  roleArn: "arn:aws:iam::111122223333:role/WorkmailMailboxExportRole",
  kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k1",
  bucket: "exports",
  prefix: "all",
};

let o: MailOrg;
let ledgerDir: string;
beforeEach(async () => {
  o = await MailOrg.open();
  ledgerDir = mkdtempSync(join(tmpdir(), "wmctl-ledger-"));
});
afterEach(async () => {
  await o.close();
  rmSync(ledgerDir, { recursive: true, force: true });
});

async function mailboxes(n: number): Promise<MailboxTarget[]> {
  const out: MailboxTarget[] = [];
  for (let i = 0; i < n; i++) {
    const name = `user${String(i).padStart(2, "0")}`;
    out.push({ id: await o.user(name), name, email: o.email(name), type: "USER" });
  }
  return out;
}

/** The queue runs on the simulator clock: each poll interval moves it forward five minutes. */
function options(overrides: Partial<ExportAllOptions> = {}): ExportAllOptions {
  return {
    api: o.api,
    orgId: o.orgId,
    ledger: ExportLedger.open(ledgerDir, o.orgId),
    destination: DESTINATION,
    concurrency: 10,
    pollMs: 5 * MIN,
    timeoutMs: 10 * 24 * 60 * MIN,
    restart: false,
    serviceNow: async () => simNow(o.backend.db).getTime(),
    sleep: async (ms) => void (await o.control.advance(ms)),
    now: () => simNow(o.backend.db).getTime(),
    ...overrides,
  };
}

async function jobCount(): Promise<number> {
  return (await o.api.listMailboxExportJobs({ OrganizationId: o.orgId })).Jobs?.length ?? 0;
}

describe("export all", () => {
  it("keeps ten jobs running until every mailbox is exported", async () => {
    o.lifecycle({ exportJobSeconds: 12 * 60 });
    const targets = await mailboxes(25);
    const running: number[] = [];
    const result = await exportAll(options({ onProgress: (p) => running.push(p.running) }), targets);
    expect(result.finished).toBe(true);
    expect(result.reports.map((r) => r.state)).toEqual(Array(25).fill("COMPLETED"));
    expect(Math.max(...running)).toBe(10);
    expect(await jobCount()).toBe(25);
    expect(new Set(result.reports.map((r) => r.jobId)).size).toBe(25);
  });

  it("respects a lower --concurrency", async () => {
    o.lifecycle({ exportJobSeconds: 12 * 60 });
    const targets = await mailboxes(7);
    const running: number[] = [];
    await exportAll(options({ concurrency: 3, onProgress: (p) => running.push(p.running) }), targets);
    expect(Math.max(...running)).toBe(3);
  });

  it("resumes a stopped run from the ledger without exporting a mailbox twice", async () => {
    o.lifecycle({ exportJobSeconds: 30 * 60 });
    const targets = await mailboxes(15);
    const first = await exportAll(options({ timeoutMs: 0 }), targets);
    expect(first.finished).toBe(false);
    expect(first.reports.filter((r) => r.state === "RUNNING")).toHaveLength(10);
    expect(first.reports.filter((r) => r.state === "NOT_STARTED")).toHaveLength(5);

    const second = await exportAll(options(), targets);
    expect(second.runId).toBe(first.runId);
    expect(second.finished).toBe(true);
    expect(second.reports.map((r) => r.state)).toEqual(Array(15).fill("COMPLETED"));
    expect(await jobCount()).toBe(15);
    // Same jobs as the first run started, for those ten.
    for (const r of first.reports.filter((x) => x.state === "RUNNING")) {
      expect(second.reports.find((x) => x.entityId === r.entityId)?.jobId).toBe(r.jobId);
    }
    // A finished run is not resumed: a new run adopts the exports of the last 24 hours.
    const third = await exportAll(options(), targets);
    expect(third.runId).not.toBe(first.runId);
    expect(third.reports.every((r) => r.state === "COMPLETED" && r.note?.includes("less than 24 hours ago"))).toBe(
      true,
    );
    expect(await jobCount()).toBe(15);
  });

  it("defers a mailbox whose export failed less than 24 hours ago, and exports it after", async () => {
    const targets = await mailboxes(3);
    o.backend.tx((sim) => registerBucket(sim, { name: "public-bucket", publicAccess: true }));
    const failed = await o.api.startMailboxExportJob({
      OrganizationId: o.orgId,
      EntityId: targets[0]!.id,
      ClientToken: "x",
      ...{ RoleArn: DESTINATION.roleArn, KmsKeyArn: DESTINATION.kmsKeyArn },
      S3BucketName: "public-bucket",
      S3Prefix: "p",
    });
    expect(
      (await o.api.describeMailboxExportJob({ OrganizationId: o.orgId, JobId: failed.JobId as string })).State,
    ).toBe("FAILED");

    const result = await exportAll(options(), targets);
    expect(result.reports.map((r) => r.state)).toEqual(["DEFERRED", "COMPLETED", "COMPLETED"]);
    expect(result.reports[0]?.note).toContain("once every 24 hours");
    expect(result.finished).toBe(true);

    await o.control.advance(25 * 60 * MIN);
    const later = await exportAll(options({ restart: true }), targets);
    expect(later.reports.map((r) => r.state)).toEqual(["COMPLETED", "COMPLETED", "COMPLETED"]);
  });

  it("adopts a job started by another tool that is still running", async () => {
    o.lifecycle({ exportJobSeconds: 20 * 60 });
    const targets = await mailboxes(2);
    const other = await o.api.startMailboxExportJob({
      OrganizationId: o.orgId,
      EntityId: targets[1]!.id,
      ClientToken: "other-tool",
      ...{ RoleArn: DESTINATION.roleArn, KmsKeyArn: DESTINATION.kmsKeyArn },
      S3BucketName: "elsewhere",
      S3Prefix: "p",
    });
    const result = await exportAll(options(), targets);
    expect(result.reports.map((r) => r.state)).toEqual(["COMPLETED", "COMPLETED"]);
    expect(result.reports[1]?.jobId).toBe(other.JobId);
    expect(result.reports[1]?.bucket).toBe("elsewhere");
  });

  it("reports a mailbox the service refuses and goes on", async () => {
    const targets = await mailboxes(2);
    await o.deliver(o.email("user01"), [message("x")]);
    const bogus: MailboxTarget = {
      id: "0b7c7f8e-0000-4000-8000-000000000000",
      name: "ghost",
      email: undefined,
      type: "USER",
    };
    const result = await exportAll(options(), [bogus, ...targets]);
    expect(result.reports.map((r) => r.state)).toEqual(["ERROR", "COMPLETED", "COMPLETED"]);
    expect(result.reports[0]?.note).toContain("does not exist");
  });
});

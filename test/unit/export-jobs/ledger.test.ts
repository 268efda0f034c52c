import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ExportLedger } from "../../../src/export-jobs/ledger.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-ledger-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const job = (jobId: string, entityId: string, startTime: string, runId?: string) => ({
  jobId,
  entityId,
  mailbox: entityId,
  email: undefined,
  bucket: "b",
  prefix: "p",
  runId,
  startTime,
});

describe("the export ledger", () => {
  it("survives a restart, and a line cut short by a crash", () => {
    const a = ExportLedger.open(dir, "m-1");
    const run = a.startRun("r1", "m-1|b|p");
    a.recordStart(job("j1", "alice", "2024-01-01T00:00:00.000Z", run.runId));
    a.recordState("j1", { state: "COMPLETED", progress: 100, endTime: "2024-01-01T00:10:00.000Z", s3Path: "p/j1.zip" });
    a.recordStart(job("j2", "alice", "2024-01-02T00:00:00.000Z", run.runId));
    appendFileSync(a.file, '{"t":"state","jobId":"j2","sta');
    const b = ExportLedger.open(dir, "m-1");
    expect(b.job("j1")).toMatchObject({ state: "COMPLETED", s3Path: "p/j1.zip", endTime: "2024-01-01T00:10:00.000Z" });
    expect(b.latestFor("alice")?.jobId).toBe("j2");
    expect(b.latestFor("alice", "r1")?.state).toBe("RUNNING");
    expect(b.openRun("m-1|b|p")?.runId).toBe("r1");
    b.finishRun("r1");
    expect(ExportLedger.open(dir, "m-1").openRun("m-1|b|p")).toBeUndefined();
  });

  it("records what the service says about the jobs it knows, and only those", () => {
    const a = ExportLedger.open(dir, "m-1");
    a.recordStart(job("j1", "alice", "2024-01-01T00:00:00.000Z"));
    a.observe("j1", {
      State: "FAILED",
      EstimatedProgress: 90,
      EndTime: new Date("2024-01-01T00:05:00.000Z"),
      ErrorInfo: "no access",
    });
    a.observe("other", { State: "COMPLETED" });
    const b = ExportLedger.open(dir, "m-1");
    expect(b.job("j1")).toMatchObject({
      state: "FAILED",
      progress: 90,
      endTime: "2024-01-01T00:05:00.000Z",
      error: "no access",
    });
    expect(b.jobs().map((j) => j.jobId)).toEqual(["j1"]);
  });

  it("keeps one file per organization", () => {
    ExportLedger.open(dir, "m-1").recordStart(job("j1", "alice", "2024-01-01T00:00:00.000Z"));
    expect(ExportLedger.open(dir, "m-2").jobs()).toEqual([]);
  });
});

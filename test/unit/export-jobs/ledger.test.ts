import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ExportLedger } from "../../../src/export-jobs/ledger.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-ledger-"));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

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

  it("resumes a run only into the same bucket and prefix, and never counts another run's jobs as done", () => {
    const a = ExportLedger.open(dir, "m-1");
    const first = a.startRun("r1", "m-1|b|p");
    a.recordStart(job("j1", "alice", "2024-01-01T00:00:00.000Z", first.runId));
    a.recordState("j1", { state: "COMPLETED", progress: 100 });
    const b = ExportLedger.open(dir, "m-1");
    expect(b.openRun("m-1|other-bucket|p")).toBeUndefined();
    expect(b.openRun("m-1|b|other-prefix")).toBeUndefined();
    expect(b.openRun("m-1|b|p")?.runId).toBe("r1");
    // A new run into another bucket: alice's export into b is not this run's.
    const second = b.startRun("r2", "m-1|other-bucket|p");
    expect(b.latestFor("alice", second.runId)).toBeUndefined();
    expect(b.latestFor("bob", first.runId)).toBeUndefined();
    expect(b.latestFor("alice", first.runId)?.state).toBe("COMPLETED");
    // Without a run, any job of the mailbox counts.
    expect(b.latestFor("alice")?.jobId).toBe("j1");
  });

  it("resumes the newest of two unfinished runs into one destination", () => {
    vi.useFakeTimers();
    const a = ExportLedger.open(dir, "m-1");
    vi.setSystemTime(new Date("2024-01-01T00:00:00.000Z"));
    a.startRun("older", "m-1|b|p");
    vi.setSystemTime(new Date("2024-01-02T00:00:00.000Z"));
    a.startRun("newer", "m-1|b|p");
    vi.setSystemTime(new Date("2024-01-03T00:00:00.000Z"));
    a.startRun("elsewhere", "m-1|c|p");
    expect(ExportLedger.open(dir, "m-1").openRun("m-1|b|p")?.runId).toBe("newer");
    a.finishRun("newer");
    expect(ExportLedger.open(dir, "m-1").openRun("m-1|b|p")?.runId).toBe("older");
    // Started in the same millisecond: the one started last.
    vi.setSystemTime(new Date("2024-01-04T00:00:00.000Z"));
    a.startRun("same-1", "m-1|d|p");
    a.startRun("same-2", "m-1|d|p");
    expect(ExportLedger.open(dir, "m-1").openRun("m-1|d|p")?.runId).toBe("same-2");
  });

  it("takes a mailbox's newest job by start time, not by the order it was written", () => {
    const a = ExportLedger.open(dir, "m-1");
    a.recordStart(job("late", "alice", "2024-01-05T00:00:00.000Z"));
    a.recordStart(job("early", "alice", "2024-01-01T00:00:00.000Z"));
    a.recordStart(job("other", "bob", "2024-01-09T00:00:00.000Z"));
    expect(a.latestFor("alice")?.jobId).toBe("late");
    // Equal start times: the one written last.
    a.recordStart(job("again", "alice", "2024-01-05T00:00:00.000Z"));
    expect(ExportLedger.open(dir, "m-1").latestFor("alice")?.jobId).toBe("again");
    // A job with a start time beats one without.
    a.recordStart({ ...job("untimed", "carol", ""), startTime: undefined });
    a.recordStart(job("timed", "carol", "2024-01-01T00:00:00.000Z"));
    a.recordStart({ ...job("untimed-2", "carol", ""), startTime: undefined });
    expect(a.latestFor("carol")?.jobId).toBe("timed");
  });

  it("writes a state only when it changed, and keeps what earlier events said", () => {
    const a = ExportLedger.open(dir, "m-1");
    a.recordStart({ ...job("j1", "alice", "2024-01-01T00:00:00.000Z"), s3Path: "p/j1.zip" });
    const lines = () =>
      readFileSync(a.file, "utf8")
        .split("\n")
        .filter((l) => l !== "").length;
    expect(lines()).toBe(1);
    a.recordState("j1", { state: "RUNNING", progress: 10 });
    a.recordState("j1", { state: "RUNNING", progress: 10 });
    expect(lines()).toBe(2);
    a.recordState("j1", { state: "RUNNING", progress: 50 });
    expect(lines()).toBe(3);
    a.recordState("j1", { state: "FAILED", progress: 50 });
    expect(lines()).toBe(4);
    a.recordState("j1", { state: "FAILED", progress: 50, endTime: "2024-01-01T01:00:00.000Z", error: "denied" });
    expect(lines()).toBe(5);
    a.recordState("j1", { state: "FAILED", progress: 50, endTime: "2024-01-01T01:00:00.000Z", error: "denied" });
    expect(lines()).toBe(5);
    // A state for a job the ledger never started is not written.
    a.observe("stranger", { State: "COMPLETED" });
    expect(lines()).toBe(5);
    // Later events without progress, end time, path or error keep the earlier ones.
    a.recordState("j1", { state: "CANCELLED" });
    const b = ExportLedger.open(dir, "m-1");
    expect(b.job("j1")).toEqual({
      ...job("j1", "alice", "2024-01-01T00:00:00.000Z"),
      state: "CANCELLED",
      progress: 50,
      endTime: "2024-01-01T01:00:00.000Z",
      s3Path: "p/j1.zip",
      error: "denied",
    });
    expect(b.job("stranger")).toBeUndefined();
    const events = readFileSync(a.file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.at(-1)).toEqual({ t: "state", at: expect.any(String), jobId: "j1", state: "CANCELLED" });
  });

  it("takes a job without a state from the service as still running", () => {
    const a = ExportLedger.open(dir, "m-1");
    a.recordStart(job("j1", "alice", "2024-01-01T00:00:00.000Z"));
    a.observe("j1", { EstimatedProgress: 40 });
    a.observe("j1", { State: "COMPLETED", S3Path: "p/j1.zip" });
    expect(a.job("j1")).toMatchObject({ state: "COMPLETED", progress: 40, s3Path: "p/j1.zip", endTime: undefined });
    const states = readFileSync(a.file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { t: string; state?: string })
      .filter((e) => e.t === "state")
      .map((e) => e.state);
    expect(states).toEqual(["RUNNING", "COMPLETED"]);
  });

  it("keeps the ledger private to the user, in <data>/export-ledger/<org>.jsonl", () => {
    const a = ExportLedger.open(dir, "m-1");
    a.recordStart(job("j1", "alice", "2024-01-01T00:00:00.000Z"));
    expect(a.file).toBe(join(dir, "export-ledger", "m-1.jsonl"));
    expect(statSync(a.file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "export-ledger")).mode & 0o777).toBe(0o700);
  });

  it("after a line cut short, writes one event per line and ignores the end of an unknown run", () => {
    const a = ExportLedger.open(dir, "m-1");
    a.startRun("r1", "m-1|b|p");
    appendFileSync(a.file, '{"t":"run-end","runId":"r1"');
    const b = ExportLedger.open(dir, "m-1");
    b.finishRun("nope");
    b.recordStart(job("j1", "alice", "2024-01-01T00:00:00.000Z", "r1"));
    const lines = readFileSync(b.file, "utf8").split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe('{"t":"run-end","runId":"r1"');
    expect(lines.slice(2, 4).map((l) => JSON.parse(l).t)).toEqual(["run-end", "start"]);
    expect(lines[4]).toBe("");
    const c = ExportLedger.open(dir, "m-1");
    expect(c.openRun("m-1|b|p")?.runId).toBe("r1");
    expect(c.latestFor("alice", "r1")?.jobId).toBe("j1");
  });

  it("opens a ledger whose state events name a job it has no start for", () => {
    const a = ExportLedger.open(dir, "m-1");
    a.recordStart(job("j1", "alice", "2024-01-01T00:00:00.000Z"));
    appendFileSync(a.file, '{"t":"state","at":"2024-01-01T00:01:00.000Z","jobId":"lost","state":"COMPLETED"}\n');
    const b = ExportLedger.open(dir, "m-1");
    expect(b.jobs().map((j) => j.jobId)).toEqual(["j1"]);
    expect(b.job("lost")).toBeUndefined();
  });
});

import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigStore } from "../../src/context/config-store.js";
import { CliHarness } from "../helpers/run-cli.js";
import { MailOrg, message } from "../helpers/mail-org.js";

interface JobView {
  id: string;
  mailbox: string;
  state: string;
  progress: number;
  bucket: string;
  s3Path: string;
  location: string;
}

let cli: CliHarness;
let o: MailOrg;
beforeEach(async () => {
  cli = new CliHarness();
  await cli.ok("org create acme");
  o = await MailOrg.attach(cli.home);
  await o.user("alice");
  await o.deliver(o.email("alice"), [message("one"), message("two")]);
});
afterEach(async () => {
  await o.close();
  cli.cleanup();
});

/** Runs a command on a pretend terminal and presses Ctrl-C after 400 ms. */
async function interruptedRun(argv: string) {
  let stop: (signal: string) => void = () => undefined;
  const interrupted = new Promise<string>((resolve) => (stop = resolve));
  const run = cli.run(argv, { tty: true, interrupted: () => interrupted });
  await new Promise((r) => setTimeout(r, 400));
  stop("SIGINT");
  return run;
}

describe("wmctl export start / describe / list", () => {
  it("needs no prerequisites on the local backend and writes the zip under $WMCTL_HOME/s3", async () => {
    const job = await cli.json<JobView>("export start alice --wait");
    expect(job).toMatchObject({ mailbox: "alice", state: "COMPLETED", progress: 100, bucket: "wmctl-local-exports" });
    expect(job).toMatchObject({ messages: 2, folders: 6, nonExportableItems: 0 });
    expect(job.location).toBe(join(cli.home, "s3", "wmctl-local-exports", "mailbox-exports", `${job.id}.zip`));
    expect(existsSync(job.location)).toBe(true);
    expect(await cli.json<JobView>(`export describe ${job.id}`)).toMatchObject({
      state: "COMPLETED",
      messages: 2,
      folders: 6,
      nonExportableItems: 0,
    });
    expect((await cli.ok("export list --fields id,mailbox,state")).stdout).toBe(`${job.id}\talice\tCOMPLETED\n`);
  });

  it("takes the destination from flags, then the profile", async () => {
    await new ConfigStore(cli.home).update((file) => {
      Object.assign((file.profiles.default ??= {}), { exportBucket: "profile-bucket", exportPrefix: "from-profile" });
    });
    await o.user("bob");
    const fromProfile = await cli.json<JobView>("export start bob");
    expect(fromProfile).toMatchObject({ bucket: "profile-bucket", s3Path: `from-profile/${fromProfile.id}.zip` });
    const job = await cli.json<JobView>("export start alice --bucket flag-bucket --prefix leavers/2024");
    expect(job.s3Path).toBe(`leavers/2024/${job.id}.zip`);
    expect(job.bucket).toBe("flag-bucket");
  });

  it("reports the 24-hour rule with the service's error and exit code 7", async () => {
    await cli.ok("export start alice");
    const r = await cli.run("export start alice");
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(
      /^error: LimitExceededException: A mailbox export job for alice was started within the last 24 hours/,
    );
    await cli.ok("local advance 25h");
    await cli.ok("export start alice");
  });

  it("asks for the role, key and bucket on the aws backend", async () => {
    const r = await cli.run(
      "--backend aws --region us-east-1 --org m-0123456789abcdef0123456789abcdef export start alice",
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing --role-arn, --kms-key-arn, --bucket");
    expect(r.stderr).toContain("wmctl export prereqs --create --save");
  });

  it("keeps jobs older than the seven-day window in the ledger (export list --all)", async () => {
    const job = await cli.json<JobView>("export start alice");
    await cli.ok("local advance 8d");
    expect((await cli.ok("export list")).stdout).toBe("");
    expect((await cli.ok("export list --all --fields id,state")).stdout).toBe(`${job.id}\tCOMPLETED\n`);
  });
});

describe("wmctl export wait / cancel", () => {
  it("exits 8 when a job is still running at the timeout", async () => {
    o.lifecycle({ exportJobSeconds: 3600 });
    const job = await cli.json<JobView>("export start alice");
    const r = await cli.run(`export wait ${job.id} --timeout 300ms --interval 100ms`);
    expect(r.code).toBe(8);
    expect(r.stderr).toContain(`waiting for export job ${job.id} to finish`);
    expect(r.stderr).toContain(`hint: the job keeps running; wait again with: wmctl export wait ${job.id}`);
  });

  it("refuses --timeout without --wait instead of ignoring it, and starts nothing (issue #11 item 14)", async () => {
    const r = await cli.run("export start alice --timeout 3s");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: --timeout only applies with --wait\nhint: add --wait to wait for the job, or leave --timeout out\n",
    );
    expect((await cli.ok("export list")).stdout).toBe("");
  });

  it("prints the running job when export start --wait times out, so its id is not lost", async () => {
    o.lifecycle({ exportJobSeconds: 3600 });
    const r = await cli.run("export start alice --wait --timeout 300ms -o json");
    expect(r.code).toBe(8);
    const job = JSON.parse(r.stdout) as JobView;
    expect(job).toMatchObject({ mailbox: "alice", state: "RUNNING" });
    expect(r.stderr).toContain(`wmctl export wait ${job.id}`);
  });

  it("Ctrl-C during --wait restores the terminal, says the job keeps running and how to follow it (exit 130)", async () => {
    o.lifecycle({ exportJobSeconds: 3600 });
    const r = await interruptedRun("export start alice --wait --timeout 1h");
    expect(r.code).toBe(130);
    const id = /Started export job ([0-9a-f-]+)/.exec(r.stderr)?.[1] as string;
    expect(r.stdout).toContain(id);
    // The bar hid the cursor and turned line wrap off; both are back at the end.
    expect(r.stderr).toContain("\u001b[?25l");
    expect(r.stderr.lastIndexOf("\u001b[?25h")).toBeGreaterThan(r.stderr.lastIndexOf("\u001b[?25l"));
    expect(r.stderr.lastIndexOf("\u001b[?7h")).toBeGreaterThan(r.stderr.lastIndexOf("\u001b[?7l"));
    expect(r.stderr).toContain(
      `error: stopped waiting for export job ${id} to finish: the job keeps running (${id})\n`,
    );
    expect(r.stderr).toContain(
      `hint: follow it with: wmctl export wait ${id} (or stop it: wmctl export cancel ${id})\n`,
    );
    expect((await cli.ok(`export describe ${id} --fields state`)).stdout).toBe("RUNNING\n");
  });

  it("Ctrl-C during export all ends the run with its report, the jobs left running to resume (exit 130)", async () => {
    o.lifecycle({ exportJobSeconds: 3600 });
    await o.user("bob");
    const r = await interruptedRun("export all --fields mailbox,state");
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/alice +RUNNING\nbob +RUNNING\n$/);
    expect(r.stderr.lastIndexOf("\u001b[?25h")).toBeGreaterThan(r.stderr.lastIndexOf("\u001b[?25l"));
    expect(r.stderr).toContain(
      "error: stopped: 2 mailboxes are not exported yet; started jobs keep running\nhint: run `wmctl export all` again to resume",
    );
  });

  it("needs --yes to cancel without a terminal, then cancels", async () => {
    o.lifecycle({ exportJobSeconds: 3600 });
    const job = await cli.json<JobView>("export start alice");
    const refused = await cli.run(`export cancel ${job.id}`);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("confirmation needed");
    expect((await cli.json<JobView>(`export cancel ${job.id} --yes`)).state).toBe("CANCELLED");
    const waited = await cli.run(`export wait ${job.id}`);
    expect(waited.code).toBe(1);
    expect(waited.stderr).toContain("did not complete (CANCELLED)");
  });

  it("says at once, without asking, that a finished job cannot be cancelled and a cancelled one needs nothing", async () => {
    const done = await cli.json<JobView>("export start alice");
    const finished = await cli.run(`export cancel ${done.id}`);
    expect(finished.code).toBe(6);
    expect(finished.stderr).toContain(
      `export job ${done.id} is already COMPLETED; only a RUNNING job can be cancelled`,
    );
    expect(finished.stderr).not.toContain("confirmation needed");
    await o.user("bob");
    o.lifecycle({ exportJobSeconds: 3600 });
    const job = await cli.json<JobView>("export start bob");
    await cli.ok(`export cancel ${job.id} --yes`);
    const again = await cli.run(`export cancel ${job.id} -o json`);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("is already cancelled");
    expect((JSON.parse(again.stdout) as JobView).state).toBe("CANCELLED");
  });
});

describe("wmctl export verify", () => {
  it("checks the SHA-384 and the counts, and exits 3 when the zip was changed", async () => {
    const job = await cli.json<JobView>("export start alice");
    const ok = await cli.ok(`export verify ${job.id} --fields check,status`);
    expect(ok.stdout).toBe(
      "log\tok\nzip\tok\nentries\tok\nsha384Hash\tok\ntotalMessages\tok\ntotalBytes\tok\ntotalFolders\tok\n",
    );
    const zip = readFileSync(job.location);
    const at = zip.indexOf("Subject: two");
    zip[at + 9] = "T".charCodeAt(0);
    writeFileSync(job.location, zip);
    const bad = await cli.run(`export verify ${job.id} --fields check,status`);
    expect(bad.code).toBe(3);
    expect(bad.stdout).toContain("entries\tmismatch");
    expect(bad.stdout).toContain("sha384Hash\tmismatch");
    expect(bad.stderr).toContain("failed verification");
  });

  it("exits 3 when the log is missing, and 6 for a job that is not finished", async () => {
    const job = await cli.json<JobView>("export start alice");
    rmSync(job.location.replace(/\.zip$/, ".log.json"));
    const r = await cli.run(`export verify ${job.id}`);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^log\tmissing/m);
    await o.user("bob");
    o.lifecycle({ exportJobSeconds: 3600 });
    const running = await cli.json<JobView>("export start bob");
    const early = await cli.run(`export verify ${running.id}`);
    expect(early.code).toBe(6);
    expect(early.stderr).toContain("is RUNNING, not COMPLETED");
  });
});

describe("wmctl export all", () => {
  it("exports every mailbox, writes a report, and does not export them again within 24 hours", async () => {
    for (let i = 0; i < 11; i++) await o.user(`user${i}`);
    const report = join(cli.home, "report.json");
    const r = await cli.run(["export", "all", "-o", "csv", "--report", report]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("mailbox,email,state,jobId,endTime,s3Path,note");
    expect(lines).toHaveLength(13);
    expect(lines.slice(1).every((l) => l.includes(",COMPLETED,"))).toBe(true);
    const json = JSON.parse(readFileSync(report, "utf8")) as Array<{ mailbox: string; state: string; jobId: string }>;
    expect(json.map((x) => x.state)).toEqual(Array(12).fill("COMPLETED"));
    const jobs = new Set(json.map((x) => x.jobId));
    expect(jobs.size).toBe(12);

    const again = await cli.json<Array<{ state: string; jobId: string; note: string }>>("export all --restart");
    expect(
      again.every((x) => x.state === "COMPLETED" && jobs.has(x.jobId) && x.note.includes("less than 24 hours ago")),
    ).toBe(true);
    expect(Object.keys(again[0] ?? {})).toEqual([
      "mailbox",
      "email",
      "type",
      "entityId",
      "state",
      "jobId",
      "startTime",
      "endTime",
      "bucket",
      "s3Path",
      "note",
    ]);
    expect((await cli.ok("export list")).stdout.trim().split("\n")).toHaveLength(12);
  });

  it("refuses a --users file naming someone who does not exist before any job starts (exit 5)", async () => {
    await o.user("bob");
    await o.user("carol");
    const list = join(cli.home, "users.txt");
    writeFileSync(list, "# leavers\nbob\ncarol\nmallory\nmalory2\n");
    const refused = await cli.run(["export", "all", "--users", list]);
    expect(refused.code).toBe(5);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toBe(
      `error: 2 names in ${list} match no user or resource: mallory, malory2\n` +
        "hint: correct the file (see `wmctl whois NAME`), or pass --skip-missing to export the others\n",
    );
    expect((await cli.ok("export list")).stdout).toBe("");
    const dry = await cli.run(["export", "all", "--users", list, "--dry-run"]);
    expect(dry.code).toBe(5);
  });

  it("exports the mailboxes of a --users file, skipping unknown names with --skip-missing", async () => {
    await o.user("bob");
    await o.user("carol");
    const list = join(cli.home, "users.txt");
    writeFileSync(list, "# leavers\nbob\ncarol\nmallory\n");
    const r = await cli.run(["export", "all", "--users", list, "--skip-missing", "--fields", "mailbox,state"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("bob\tCOMPLETED\ncarol\tCOMPLETED\n");
    expect(r.stderr).toContain("! not found, skipped (--skip-missing): mallory");
  });

  it("writes --report 0600 whatever the umask, replacing an older, wider file", async () => {
    await o.user("bob");
    const json = join(cli.home, "report.json");
    const csv = join(cli.home, "report.csv");
    writeFileSync(csv, "old", { mode: 0o644 });
    const old = process.umask(0o000);
    try {
      await cli.ok(["export", "all", "--report", json]);
      await cli.ok(["export", "all", "--report", csv]);
    } finally {
      process.umask(old);
    }
    expect(statSync(json).mode & 0o777).toBe(0o600);
    expect(statSync(csv).mode & 0o777).toBe(0o600);
    expect(readFileSync(csv, "utf8")).toMatch(/^mailbox,/);
  });

  it("refuses a --users file it cannot read with exit 2, naming it", async () => {
    await o.user("bob");
    for (const [file, why] of [
      [join(cli.home, "missing.txt"), "does not exist"],
      [cli.home, "is a folder"],
      ["/dev/zero", "is not a regular file"],
    ] as const) {
      const r = await cli.run(["export", "all", "--users", file]);
      expect([r.code, r.stderr.split("\n")[0]], file).toEqual([2, `error: --users ${file} ${why}`]);
    }
  });

  it("filters mailboxes and plans with --dry-run", async () => {
    await o.user("bob");
    const r = await cli.ok("export all --filter name=b* --dry-run");
    expect(r.stdout).toBe("would StartMailboxExportJob bob  bucket=wmctl-local-exports prefix=mailbox-exports\n");
    expect((await cli.run("export all --filter colour=red")).code).toBe(2);
  });
});

describe("wmctl export prereqs", () => {
  it("explains that the local backend needs nothing", async () => {
    const r = await cli.ok("export prereqs");
    expect(r.stderr).toContain("needs no AWS resources");
    expect(r.stdout).toContain(
      `bucket\tok\texport jobs write to ${join(cli.home, "s3", "wmctl-local-exports", "mailbox-exports")}/`,
    );
  });
});

#!/usr/bin/env node
// Benchmark: `wmctl export all` for 200 mailboxes on the local backend (the built CLI, as an admin
// runs it). Run after `npm run build`:  node bench/export-all.mjs [mailboxes=200] [messagesEach=20]
// Prints the wall time and checks correctness: every mailbox COMPLETED, one job each, every zip's
// SHA-384 and message count equal to its log, and a second run exports nothing again.
import { spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const { LocalBackend, localControl } = await import(new URL("../dist/local-backend/index.js", import.meta.url).href);
const bin = fileURLToPath(new URL("../bin/wmctl.js", import.meta.url));
const mailboxes = Number(process.argv[2] ?? 200);
const each = Number(process.argv[3] ?? 20);
const home = mkdtempSync(join(tmpdir(), "wmctl-bench-all-"));
const wmctl = (...args) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, WMCTL_HOME: home, NO_COLOR: "1" },
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  return { ...r, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
};
try {
  if (wmctl("org", "create", `benchall${Date.now() % 100000}`).status !== 0) throw new Error("org create failed");
  const backend = await LocalBackend.open({ dir: home, region: "us-east-1" });
  const control = localControl(backend);
  const org = (await backend.listOrganizations({})).OrganizationSummaries[0];
  const t0 = Date.now();
  for (let i = 0; i < mailboxes; i++) {
    const name = `user${String(i).padStart(3, "0")}`;
    const { UserId } = await backend.createUser({
      OrganizationId: org.OrganizationId,
      Name: name,
      DisplayName: name,
      Password: "Bench-Passw0rd!",
    });
    const email = `${name}@${org.DefaultMailDomain}`;
    await backend.registerToWorkMail({ OrganizationId: org.OrganizationId, EntityId: UserId, Email: email });
    const messages = Array.from({ length: each }, (_, j) => ({
      name: `${name}-${j}`,
      raw: Buffer.from(
        `From: a@example.com\r\nTo: ${email}\r\nSubject: ${name} message ${j}\r\nMessage-ID: <${randomUUID()}@bench>\r\n\r\n${"Lorem ipsum dolor sit amet. ".repeat(150)}\r\n`,
      ),
    }));
    await control.deliver({ organizationId: org.OrganizationId, to: [email], messages });
  }
  backend.close();
  console.log(`seeded ${mailboxes} mailboxes x ${each} messages in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const run = wmctl("export", "all", "-o", "json");
  if (run.status !== 0) throw new Error(`export all exited ${run.status}: ${run.stderr}`);
  const report = JSON.parse(run.stdout);
  const completed = report.filter((r) => r.state === "COMPLETED").length;
  const jobs = new Set(report.map((r) => r.jobId));
  let verified = 0;
  for (const r of report) {
    const zip = join(home, "s3", r.bucket, r.s3Path);
    const log = JSON.parse(readFileSync(zip.replace(/\.zip$/, ".log.json"), "utf8"));
    const sha = createHash("sha384").update(readFileSync(zip)).digest("hex");
    if (sha === log.sha384Hash && Number(log.totalMessages) === each) verified++;
  }
  console.log(
    `export all: ${report.length} mailboxes in ${run.seconds.toFixed(2)} s wall (${(report.length / run.seconds).toFixed(1)} mailboxes/s); ${completed} COMPLETED, ${jobs.size} distinct jobs, ${verified} zips match their log (SHA-384 and ${each} messages)`,
  );
  const again = wmctl("export", "all", "-o", "json");
  const reused = JSON.parse(again.stdout).filter((r) => jobs.has(r.jobId)).length;
  console.log(
    `second run: exit ${again.status} in ${again.seconds.toFixed(2)} s, ${reused}/${report.length} mailboxes reuse their export from less than 24 hours ago (no new jobs)`,
  );
  if (completed !== mailboxes || jobs.size !== mailboxes || verified !== mailboxes || reused !== mailboxes)
    process.exitCode = 1;
} finally {
  rmSync(home, { recursive: true, force: true });
}

#!/usr/bin/env node
// Benchmark: export one mailbox of 10,000 messages (~100 MB) on the local simulator.
// Run after `npm run build`:  node bench/export-mailbox.mjs [messages=10000] [bytesPerMessage=10000]
// Seeds a temporary store through the simulator's delivery path, then runs the export job in a
// child process (so its peak RSS is the export's alone) and prints MB/s and peak RSS.
// Targets (issue #5): >= 50 MB/s, peak RSS < 200 MB.
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = new URL("../dist/local-backend/index.js", import.meta.url);
const { LocalBackend, localControl } = await import(dist.href);

if (process.argv[2] === "--export") {
  // Child: run the export job and report.
  const [dir, orgId] = process.argv.slice(3);
  const backend = await LocalBackend.open({ dir, region: "us-east-1" });
  const t0 = process.hrtime.bigint();
  const { JobId } = await backend.startMailboxExportJob({
    OrganizationId: orgId,
    EntityId: "bench",
    ClientToken: randomUUID(),
    RoleArn: "arn:aws:iam::111122223333:role/Export",
    KmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k",
    S3BucketName: "bench",
    S3Prefix: "out",
  });
  const d = await backend.describeMailboxExportJob({ OrganizationId: orgId, JobId });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const zip = join(dir, "s3", "bench", d.S3Path);
  const log = JSON.parse((await import("node:fs")).readFileSync(zip.replace(/\.zip$/, ".log.json"), "utf8"));
  backend.close();
  process.stdout.write(
    JSON.stringify({
      state: d.State,
      seconds,
      totalBytes: Number(log.totalBytes),
      totalMessages: Number(log.totalMessages),
      zipBytes: statSync(zip).size,
      maxRssKb: process.resourceUsage().maxRSS,
    }) + "\n",
  );
  process.exit(0);
}

const messages = Number(process.argv[2] ?? 10_000);
const size = Number(process.argv[3] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), "wmctl-bench-export-"));
try {
  const backend = await LocalBackend.open({ dir, region: "us-east-1" });
  const control = localControl(backend);
  const { OrganizationId } = await backend.createOrganization({
    Alias: `bench${Date.now()}`,
    ClientToken: randomUUID(),
  });
  const org = await backend.describeOrganization({ OrganizationId });
  const { UserId } = await backend.createUser({
    OrganizationId,
    Name: "bench",
    DisplayName: "Bench",
    Password: "Bench-Passw0rd!",
  });
  await backend.registerToWorkMail({ OrganizationId, EntityId: UserId, Email: `bench@${org.DefaultMailDomain}` });

  const words = "the quarterly report budget meeting schedule project update review notes draft final approve".split(
    " ",
  );
  const message = (i) => {
    let body = "";
    while (body.length < size - 600)
      body += words[(i * 7 + body.length) % words.length] + (body.length % 78 > 70 ? "\r\n" : " ");
    const attachment =
      i % 10 === 0
        ? `--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="f${i}.bin"\r\n\r\n${randomBytes(3000).toString("base64").replace(/.{76}/g, "$&\r\n")}\r\n`
        : "";
    return Buffer.from(
      `From: sender${i % 50}@example.com\r\nTo: bench@${org.DefaultMailDomain}\r\nSubject: Message ${i}\r\nMessage-ID: <${i}@bench>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n${body}\r\n${attachment}--b--\r\n`,
    );
  };
  const folders = ["Inbox", "Sent Items", "Inbox/Projects", "Archive/2023", "Archive/2024"];
  const t0 = Date.now();
  let delivered = 0;
  let bytes = 0;
  for (let i = 0; i < messages; i += 200) {
    const batch = [];
    for (let j = i; j < Math.min(messages, i + 200); j++) batch.push({ name: `m${j}`, raw: message(j) });
    const results = await control.deliver({
      organizationId: OrganizationId,
      to: [`bench@${org.DefaultMailDomain}`],
      folder: folders[(i / 200) % folders.length],
      messages: batch,
    });
    for (const r of results)
      if (r.status === "DELIVERED") {
        delivered++;
        bytes += r.size;
      }
  }
  const seedSeconds = (Date.now() - t0) / 1000;
  backend.close();
  console.log(
    `seeded ${delivered} messages, ${(bytes / 1e6).toFixed(1)} MB in ${seedSeconds.toFixed(1)} s (local deliver: ${(delivered / seedSeconds).toFixed(0)} msg/s)`,
  );

  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--export", dir, OrganizationId], {
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(child.stderr);
  const r = JSON.parse(child.stdout);
  const mbps = r.totalBytes / 1e6 / r.seconds;
  console.log(
    `export: ${r.state}, ${r.totalMessages} messages, ${(r.totalBytes / 1e6).toFixed(1)} MB (zip ${(r.zipBytes / 1e6).toFixed(1)} MB) in ${r.seconds.toFixed(2)} s`,
  );
  console.log(
    `throughput: ${mbps.toFixed(1)} MB/s (target >= 50)   peak RSS of the exporting process: ${(r.maxRssKb / 1024).toFixed(0)} MB (target < 200)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

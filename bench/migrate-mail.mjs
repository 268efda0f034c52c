#!/usr/bin/env node
// Benchmark: `wmctl migrate mail` of 10,000 messages (~100 MB) from export zips into Dovecot, side
// by side in the same run with a plain sequential IMAP APPEND loop (imapflow, one connection, one
// message at a time) over the same messages read from the same zips.
// Run after `npm run build`:  node bench/migrate-mail.mjs [--messages 10000] [--size 10000] [--mailboxes 4] [--connections 8]
// Needs Dovecot (/usr/sbin/dovecot; Debian's dovecot-imapd). Targets (issue #9): >= 3x the loop, peak RSS < 200 MB.
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, createConnection } from "node:net";
import { userInfo } from "node:os";
import { join } from "node:path";
import { ImapFlow } from "imapflow";
import yauzl from "yauzl";
import { arg, BIN, openSimulator, requireBuild, RSS_PROBE, tempHome } from "./common.mjs";
import { dovecotConfig } from "../test/helpers/dovecot-config.mjs";

requireBuild();
const MESSAGES = arg("messages", 10_000);
const SIZE = arg("size", 10_000);
const MAILBOXES = arg("mailboxes", 4);
const CONNECTIONS = arg("connections", 8);
const home = tempHome("migrate");
const env = { ...process.env, WMCTL_HOME: home, NO_COLOR: "1" };
const wmctl = (...args) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`wmctl ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
};

const dovecotDir = join(home, "dovecot");
let dovecotPid;
try {
  // 1. Seed: MAILBOXES users, MESSAGES messages over five folders, then `export all`.
  wmctl("org", "create", "benchmig");
  const backend = await openSimulator(home);
  const { localControl } = await import(join(BIN, "..", "..", "dist", "local-backend", "index.js"));
  const control = localControl(backend);
  const org = (await backend.listOrganizations({})).OrganizationSummaries[0];
  const domain = org.DefaultMailDomain;
  const users = Array.from({ length: MAILBOXES }, (_, i) => `user${i}`);
  for (const u of users) {
    const { UserId } = await backend.createUser({
      OrganizationId: org.OrganizationId,
      Name: u,
      DisplayName: u,
      Password: "Bench-Passw0rd!",
    });
    await backend.registerToWorkMail({ OrganizationId: org.OrganizationId, EntityId: UserId, Email: `${u}@${domain}` });
  }
  const words = "the quarterly report budget meeting schedule project update review notes draft final approve".split(
    " ",
  );
  const message = (i) => {
    let body = "";
    while (body.length < SIZE - 600)
      body += words[(i * 7 + body.length) % words.length] + (body.length % 78 > 70 ? "\r\n" : " ");
    const attachment =
      i % 10 === 0
        ? `--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="f${i}.bin"\r\n\r\n${randomBytes(3000).toString("base64").replace(/.{76}/g, "$&\r\n")}\r\n`
        : "";
    return Buffer.from(
      `From: sender${i % 50}@example.com\r\nSubject: Message ${i}\r\nMessage-ID: <${i}@bench>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n${body}\r\n${attachment}--b--\r\n`,
    );
  };
  const folders = ["Inbox", "Sent Items", "Inbox/Projects", "Archive/2023", "Archive/2024"];
  let seeded = 0;
  for (let i = 0; i < MESSAGES; i += 100) {
    const batch = [];
    for (let j = i; j < Math.min(MESSAGES, i + 100); j++) batch.push({ name: `m${j}`, raw: message(j) });
    const to = `${users[(i / 100) % users.length]}@${domain}`;
    for (const r of await control.deliver({
      organizationId: org.OrganizationId,
      to: [to],
      folder: folders[Math.floor(i / 100 / users.length) % folders.length],
      messages: batch,
    }))
      if (r.status === "DELIVERED") seeded++;
  }
  backend.close();
  wmctl("export", "all");
  const zips = readdirSync(join(home, "s3"), { recursive: true })
    .filter((f) => f.endsWith(".zip"))
    .map((f) => join(home, "s3", f));
  console.log(`seeded ${seeded} messages in ${users.length} mailboxes and exported them (${zips.length} zips)`);

  // 2. Dovecot on a free port: a target login per mailbox for migrate mail, another for the loop.
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  for (const d of ["base", "state", "mail"]) mkdirSync(join(dovecotDir, d), { recursive: true });
  chmodSync(home, 0o755);
  chmodSync(dovecotDir, 0o755);
  const root = process.getuid() === 0;
  if (root)
    chownSync(
      join(dovecotDir, "mail"),
      Number(execFileSync("id", ["-u", "dovecot"]).toString()),
      Number(execFileSync("id", ["-g", "dovecot"]).toString()),
    );
  const logins = [...users.map((u) => `m-${u}`), "loop"];
  writeFileSync(
    join(dovecotDir, "users"),
    logins.map((l) => `${l}:{PLAIN}pw-${l}::::${dovecotDir}/mail/${l}::\n`).join(""),
  );
  writeFileSync(
    join(dovecotDir, "dovecot.conf"),
    dovecotConfig({
      dir: dovecotDir,
      port,
      root,
      user: userInfo().username,
      group: execFileSync("id", ["-gn"], { encoding: "utf8" }).trim(),
      special: { sent: "Sent Messages", trash: "Trash", junk: "Spam", drafts: "Drafts" },
    }),
  );
  if (spawnSync("/usr/sbin/dovecot", ["-c", join(dovecotDir, "dovecot.conf")], { stdio: "ignore" }).status !== 0)
    throw new Error("Dovecot did not start");
  for (let ok = false; !ok; )
    ok = await new Promise((r) =>
      createConnection({ host: "127.0.0.1", port }, function () {
        this.destroy();
        r(true);
      }).once("error", () => setTimeout(() => r(false), 50)),
    );
  for (let i = 0; dovecotPid === undefined && i < 100; i++) {
    try {
      dovecotPid = Number(readFileSync(join(dovecotDir, "base", "master.pid"), "utf8"));
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  // 3. The plain loop: one connection, one APPEND at a time, the same messages read from the same zips.
  const loop = new ImapFlow({
    host: "127.0.0.1",
    port,
    secure: false,
    auth: { user: "loop", pass: "pw-loop" },
    logger: false,
  });
  await loop.connect();
  const created = new Set();
  let loopMessages = 0;
  let loopBytes = 0;
  const t0 = process.hrtime.bigint();
  for (const z of zips) {
    const zip = await yauzl.openPromise(z, { lazyEntries: true });
    for await (const e of zip.eachEntry()) {
      if (e.fileName.endsWith("/")) continue;
      const folder = e.fileName.slice(0, e.fileName.lastIndexOf("/")).replace(/^Inbox/, "INBOX");
      if (!created.has(folder)) {
        await loop.mailboxCreate(folder.split("/")).catch(() => undefined);
        created.add(folder);
      }
      const chunks = [];
      for await (const c of await zip.openReadStreamPromise(e)) chunks.push(c);
      const raw = Buffer.concat(chunks);
      await loop.append(folder, raw, [], e.getLastModDate());
      loopMessages++;
      loopBytes += raw.length;
    }
    zip.close();
  }
  const loopSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await loop.logout();

  // 4. wmctl migrate mail, in its own process (peak RSS measured there).
  const map = join(home, "map.csv");
  writeFileSync(
    map,
    "mailbox,target_login,password\n" + users.map((u) => `${u}@${domain},m-${u},pw-m-${u}`).join("\n") + "\n",
    { mode: 0o600 },
  );
  const t1 = process.hrtime.bigint();
  const run = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        RSS_PROBE,
        BIN,
        "migrate",
        "mail",
        "--to",
        `imap://127.0.0.1:${port}`,
        "--map",
        map,
        "--concurrency",
        String(MAILBOXES),
        "--max-connections",
        String(CONNECTIONS),
        "-o",
        "json",
      ],
      { env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => resolve({ code, out, err }));
  });
  const wmSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  if (run.code !== 0) throw new Error(`migrate mail exited ${run.code}: ${run.err}`);
  const rows = JSON.parse(run.out);
  const copied = rows.reduce((n, r) => n + r.copied, 0);
  const bytes = rows.reduce((n, r) => n + r.bytes, 0);
  const rssKb = Number(/peak-rss-kb=(\d+)/.exec(run.err)?.[1]);

  const line = (name, n, b, s) =>
    `${name.padEnd(34)} ${String(n).padStart(6)} msgs ${(b / 1e6).toFixed(1).padStart(6)} MB ${s.toFixed(1).padStart(6)} s ${(n / s).toFixed(0).padStart(6)} msg/s ${(b / 1e6 / s).toFixed(1).padStart(6)} MB/s`;
  console.log(line("sequential APPEND loop (1 conn)", loopMessages, loopBytes, loopSeconds));
  console.log(
    line(`wmctl migrate mail (${CONNECTIONS} conns)`, copied, bytes, wmSeconds) +
      `   peak RSS ${(rssKb / 1024).toFixed(0)} MB`,
  );
  console.log(
    `speed-up: ${(copied / wmSeconds / (loopMessages / loopSeconds)).toFixed(2)}x (target >= 3x); peak RSS target < 200 MB`,
  );
  if (copied !== seeded || loopMessages !== seeded)
    console.log(`! counts differ: seeded ${seeded}, loop ${loopMessages}, migrate ${copied}`);
} finally {
  if (dovecotPid !== undefined)
    try {
      process.kill(dovecotPid, "SIGTERM");
    } catch {}
  await new Promise((r) => setTimeout(r, 500));
  rmSync(home, { recursive: true, force: true });
}

// `wmctl migrate plan` at scale: a synthetic inventory of --users users (an alias on every 3rd,
// every 10th hidden), --groups groups of 50 members (every 10th group nested in another), 50
// resources with delegates and 1 mailbox permission per 20 users; then the spawned CLI plans it
// for each target. Prints wall time, peak RSS and the size of the folder.
//   node bench/migrate-plan.mjs [--users 10000] [--groups 500]
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, RSS_PROBE, arg, requireBuild, tempHome } from "./common.mjs";

requireBuild();
const users = arg("users", 10000);
const groups = arg("groups", 500);
const home = tempHome("migrate-plan");
const D = "bench.example";
const u = [];
for (let i = 0; i < users; i++) {
  u.push({
    name: `u${i}`,
    email: `u${i}@${D}`,
    state: "ENABLED",
    role: "USER",
    displayName: `User ${i} O'Neil`,
    firstName: `F${i}`,
    lastName: `L${i}`,
    hidden: i % 10 === 9,
    aliases: i % 3 === 0 ? [`alias${i}@${D}`] : [],
  });
}
const g = [];
for (let k = 0; k < groups; k++) {
  const members = Array.from({ length: 50 }, (_, m) => ({ name: `u${(k * 50 + m) % users}`, type: "USER" }));
  if (k % 10 !== 0) g[k - (k % 10)]?.members.push({ name: `group ${k}`, type: "GROUP" });
  g.push({ name: `group ${k}`, email: `group${k}@${D}`, state: "ENABLED", hidden: false, aliases: [], members });
}
const r = Array.from({ length: 50 }, (_, k) => ({
  name: `room ${k}`,
  email: `room${k}@${D}`,
  state: "ENABLED",
  type: k % 5 === 0 ? "EQUIPMENT" : "ROOM",
  hidden: false,
  aliases: [],
  bookingOptions: {
    autoAcceptRequests: k % 2 === 0,
    autoDeclineRecurringRequests: false,
    autoDeclineConflictingRequests: true,
  },
  delegates: [
    { name: `u${k}`, type: "USER" },
    { name: `group ${k}`, type: "GROUP" },
  ],
}));
const perms = Array.from({ length: Math.floor(users / 20) }, (_, k) => ({
  mailbox: `u${k * 20}`,
  mailboxType: "USER",
  grantee: `u${k * 20 + 1}`,
  granteeType: "USER",
  permissions: ["FULL_ACCESS", "SEND_AS"],
}));
const inv = join(home, "inv");
mkdirSync(inv);
writeFileSync(
  join(inv, "inventory.json"),
  JSON.stringify({
    format: "wmctl-inventory",
    formatVersion: 1,
    wmctlVersion: "bench",
    createdAt: new Date().toISOString(),
    source: { organizationId: "m-bench", alias: "bench", backend: "local" },
    areas: {
      domains: [{ name: D, isDefault: true, isTestDomain: false, records: [] }],
      users: u,
      groups: g,
      resources: r,
      "mailbox-permissions": perms,
    },
    skipped: [],
    files: [],
  }),
);
console.log(
  `migrate plan: ${users} users, ${groups} groups (50 members each), ${r.length} resources, ${perms.length} permission grants`,
);
for (const target of ["m365", "google", "imap"]) {
  const out = join(home, `plan-${target}`);
  const start = process.hrtime.bigint();
  const cli = spawnSync(
    process.execPath,
    ["--import", RSS_PROBE, BIN, "migrate", "plan", "--to", target, "--from", inv, "--out", out, "-q"],
    { env: { ...process.env, WMCTL_HOME: home, NO_COLOR: "1" }, encoding: "utf8" },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (cli.status !== 0) throw new Error(`wmctl migrate plan --to ${target} exited ${cli.status}: ${cli.stderr}`);
  const rss = Number(/peak-rss-kb=(\d+)/.exec(cli.stderr)?.[1] ?? NaN) / 1024;
  const size = (dir) =>
    readdirSync(dir).reduce(
      (n, f) => n + (statSync(join(dir, f)).isDirectory() ? size(join(dir, f)) : statSync(join(dir, f)).size),
      0,
    );
  console.log(
    `  --to ${target.padEnd(7)} ${seconds.toFixed(2).padStart(6)} s  peak RSS ${rss.toFixed(0).padStart(4)} MB  folder ${(size(out) / 1e6).toFixed(1)} MB`,
  );
}

// `wmctl apply -f` at scale, through the spawned CLI on the local backend: an organization of
// --users users (default 2,000), its inventory as the document, edited as an admin would (10% new
// users, 10% renamed display names, 5% removed), then --plan --prune, the apply with --prune, and
// the second plan (which must be empty). Prints wall time, peak RSS and the plan's counts.
//   node bench/apply.mjs [--users 2000]
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, RSS_PROBE, arg, requireBuild, tempHome } from "./common.mjs";
import { seed } from "./seed.mjs";

requireBuild();
const users = arg("users", 2000);
const home = tempHome("apply");
const t0 = Date.now();
await seed(home, users);
console.log(
  `organization of ${users} users built in ${((Date.now() - t0) / 1000).toFixed(1)} s (node ${process.version})`,
);

function wmctl(args, allowed = [0]) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--import", RSS_PROBE, BIN, ...args], {
    env: { ...process.env, WMCTL_HOME: home, NO_COLOR: "1" },
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  if (!allowed.includes(r.status)) throw new Error(`wmctl ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const rss = Number(/peak-rss-kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return { ...r, s, rss };
}
const line = (label, r, extra = "") =>
  console.log(
    `  ${label.padEnd(44)} ${r.s.toFixed(2).padStart(7)} s  peak RSS ${r.rss.toFixed(0).padStart(4)} MB  ${extra}`,
  );

const orgs = JSON.parse(wmctl(["org", "list", "-o", "json"]).stdout);
const alias = orgs[0].alias;
const inv = wmctl(["--org", alias, "org", "inventory", "-o", "json"]);
line("org inventory -o json", inv);
const doc = JSON.parse(inv.stdout);
const domain = `${alias}.awsapps.com`;
const all = doc.areas.users;
doc.areas.users = all
  .filter((_, i) => i % 20 !== 7)
  .map((u, i) => (i % 10 === 3 ? { ...u, displayName: `${u.displayName} (renamed)` } : u))
  .concat(
    Array.from({ length: Math.round(users / 10) }, (_, i) => ({
      name: `new${i}`,
      email: `new${i}@${domain}`,
      state: "ENABLED",
      role: "USER",
      hidden: false,
      aliases: [],
    })),
  );
const kept = new Set(doc.areas.users.map((u) => u.name));
doc.areas.mailboxes = (doc.areas.mailboxes ?? []).filter((m) => kept.has(m.user));
const file = join(home, "org.json");
writeFileSync(file, JSON.stringify(doc));

const plan = wmctl(["--org", alias, "apply", "-f", file, "--plan", "--prune", "-o", "json"]);
const rows = JSON.parse(plan.stdout);
const count = (a) => rows.filter((r) => r.action === a).length;
line("apply --plan --prune", plan, `${count("create")} create, ${count("update")} update, ${count("delete")} delete`);
const applied = wmctl(["--org", alias, "apply", "-f", file, "--prune", "--yes", "-o", "json"]);
const done = JSON.parse(applied.stdout);
line(
  "apply --prune --yes",
  applied,
  `${done.filter((r) => r.result === "done").length} done, ${done.filter((r) => r.result !== "done").length} failed`,
);
const again = wmctl(["--org", alias, "apply", "-f", file, "--plan", "--prune", "--detailed-exitcode"], [0, 3]);
line(
  "second apply --plan --prune --detailed-exitcode",
  again,
  `exit ${again.status} (${again.status === 0 ? "no changes" : "CHANGES LEFT"})`,
);
if (again.status !== 0) process.exitCode = 1;

// Listing 10,000 users as ndjson through the CLI (a spawned `wmctl user list -o ndjson`): wall time and
// the child's peak RSS; medians of 5 runs (node bench/list.mjs --count 10000 --runs 5).
// Targets: < 2 s and < 200 MB.
import { spawnSync } from "node:child_process";
import { BIN, RSS_PROBE, arg, median, openSimulator, requireBuild, tempHome } from "./common.mjs";

requireBuild();
const count = arg("count", 10000);
const runs = arg("runs", 5);
const home = tempHome("list");
const sim = await openSimulator(home);
const { OrganizationId } = await sim.createOrganization({ Alias: "bench" });
const t0 = Date.now();
for (let i = 0; i < count; i++) {
  const { UserId } = await sim.createUser({ OrganizationId, Name: `user${i}`, DisplayName: `User ${i}` });
  await sim.registerToWorkMail({ OrganizationId, EntityId: UserId, Email: `user${i}@bench.awsapps.com` });
}
sim.close();
console.log(`store with ${count} users built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const secs = [];
const rss = [];
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--import", RSS_PROBE, BIN, "user", "list", "-o", "ndjson"], {
    env: { ...process.env, WMCTL_HOME: home, WMCTL_ORG: "bench", NO_COLOR: "1" },
    maxBuffer: 1 << 30,
    encoding: "utf8",
  });
  secs.push(Number(process.hrtime.bigint() - start) / 1e9);
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  const lines = r.stdout.split("\n").filter(Boolean).length;
  if (lines !== count) throw new Error(`expected ${count} lines, got ${lines}`);
  rss.push(Number(/peak-rss-kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024);
}
console.log(`wmctl user list -o ndjson, ${count} users, ${runs} runs (node ${process.version})`);
console.log(
  `  wall     median ${median(secs).toFixed(2)} s   (min ${Math.min(...secs).toFixed(2)} s, max ${Math.max(...secs).toFixed(2)} s)`,
);
console.log(`  peak RSS median ${median(rss).toFixed(0)} MB   (max ${Math.max(...rss).toFixed(0)} MB)`);

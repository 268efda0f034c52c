// The exit kit at scale: `org inventory` of an organization of 2,000 users (aliases on every 5th)
// and 100 groups (20 members each, every 10th group nested in another), 20 resources with delegates;
// then `org restore` of that inventory into an empty organization.
//   node bench/inventory.mjs [--users 2000] [--groups 100] [--concurrency 8] [--latency 20]
// Prints wall time and API calls: in-process (the simulator's own speed), through the spawned CLI
// (`wmctl org inventory --out`, with peak RSS), and with a simulated network round trip of
// --latency ms per call, to show what the bounded concurrency buys against the real service.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { BIN, ROOT, RSS_PROBE, arg, openSimulator, requireBuild, tempHome } from "./common.mjs";

requireBuild();
const users = arg("users", 2000);
const groups = arg("groups", 100);
const concurrency = arg("concurrency", 8);
const latency = arg("latency", 20);
const home = tempHome("inventory");
const sim = await openSimulator(home);
const { collectInventory } = await import(join(ROOT, "dist", "inventory", "collect.js"));
const { prepareApply, runSteps } = await import(join(ROOT, "dist", "apply", "run-steps.js"));
const { DomainMap } = await import(join(ROOT, "dist", "inventory", "domain-map.js"));
const { INVENTORY_AREAS } = await import(join(ROOT, "dist", "inventory", "areas.js"));

const t0 = Date.now();
const { OrganizationId: org } = await sim.createOrganization({ Alias: "bench" });
const ids = [];
for (let i = 0; i < users; i++) {
  const { UserId } = await sim.createUser({
    OrganizationId: org,
    Name: `u${i}`,
    DisplayName: `User ${i}`,
    FirstName: `F${i}`,
    LastName: `L${i}`,
  });
  await sim.registerToWorkMail({ OrganizationId: org, EntityId: UserId, Email: `u${i}@bench.awsapps.com` });
  if (i % 5 === 0)
    await sim.createAlias({ OrganizationId: org, EntityId: UserId, Alias: `alias${i}@bench.awsapps.com` });
  ids.push(UserId);
}
const gids = [];
for (let g = 0; g < groups; g++) {
  const { GroupId } = await sim.createGroup({ OrganizationId: org, Name: `group${g}` });
  await sim.registerToWorkMail({ OrganizationId: org, EntityId: GroupId, Email: `group${g}@bench.awsapps.com` });
  for (let m = 0; m < 20; m++)
    await sim.associateMemberToGroup({ OrganizationId: org, GroupId, MemberId: ids[(g * 20 + m) % users] });
  if (g % 10 !== 0)
    await sim.associateMemberToGroup({ OrganizationId: org, GroupId: gids[g - (g % 10)], MemberId: GroupId });
  gids.push(GroupId);
}
for (let r = 0; r < 20; r++) {
  const { ResourceId } = await sim.createResource({ OrganizationId: org, Name: `room${r}`, Type: "ROOM" });
  await sim.registerToWorkMail({ OrganizationId: org, EntityId: ResourceId, Email: `room${r}@bench.awsapps.com` });
  await sim.associateDelegateToResource({ OrganizationId: org, ResourceId, EntityId: gids[r % groups] });
}
console.log(
  `organization of ${users} users, ${groups} groups, 20 resources built in ${((Date.now() - t0) / 1000).toFixed(1)} s (node ${process.version})`,
);

/** The port with a fixed delay before each call: a stand-in for the network round trip. */
function withLatency(api, ms) {
  return new Proxy(api, {
    get(target, prop) {
      const v = target[prop];
      if (typeof v !== "function" || typeof prop !== "string" || ms === 0) return v;
      return (input) => new Promise((r) => setTimeout(r, ms)).then(() => v.call(target, input));
    },
  });
}

async function inventory(label, api, conc) {
  const start = process.hrtime.bigint();
  const r = await collectInventory(api, org, {
    source: { backend: "local" },
    wmctlVersion: "bench",
    concurrency: conc,
    areas: INVENTORY_AREAS,
    warn: () => undefined,
  });
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  const top = [...r.callsByMethod]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([m, n]) => `${m} ${n}`)
    .join(", ");
  console.log(
    `  ${label.padEnd(46)} ${s.toFixed(2).padStart(7)} s  ${String(r.calls).padStart(6)} calls  ${Math.round(r.calls / s)} calls/s`,
  );
  return { r, s, top };
}

console.log("org inventory");
const base = await inventory(`in-process, concurrency ${concurrency}`, sim, concurrency);
if (base.r.doc.areas.users.length !== users || base.r.doc.areas.groups.length !== groups)
  throw new Error("inventory is incomplete");
console.log(`    calls by operation: ${base.top}`);
for (const c of [1, concurrency, concurrency * 2])
  await inventory(`+${latency} ms per call, concurrency ${c}`, withLatency(sim, latency), c);

const out = join(home, "inv");
const start = process.hrtime.bigint();
const cli = spawnSync(
  process.execPath,
  [
    "--import",
    RSS_PROBE,
    BIN,
    "--org",
    "bench",
    "org",
    "inventory",
    "--out",
    out,
    "--concurrency",
    String(concurrency),
  ],
  {
    env: { ...process.env, WMCTL_HOME: home, NO_COLOR: "1" },
    encoding: "utf8",
  },
);
if (cli.status !== 0) throw new Error(`wmctl org inventory exited ${cli.status}: ${cli.stderr}`);
const rss = Number(/peak-rss-kb=(\d+)/.exec(cli.stderr)?.[1] ?? NaN) / 1024;
console.log(
  `  ${"spawned wmctl org inventory --out".padEnd(46)} ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(2).padStart(7)} s  peak RSS ${rss.toFixed(0)} MB`,
);

console.log("org restore into an empty organization");
const { OrganizationId: target } = await sim.createOrganization({ Alias: "benchcopy" });
const rs = process.hrtime.bigint();
const prep = await prepareApply(sim, target, base.r.doc, DomainMap.none);
const restored = await runSteps(sim, target, base.r.doc, prep, { dryRun: false, concurrency, areas: INVENTORY_AREAS });
const rsec = Number(process.hrtime.bigint() - rs) / 1e9;
const failed = restored.steps.flatMap((s) => s.results).filter((x) => x.result === "failed").length;
console.log(
  `  ${`in-process, concurrency ${concurrency}`.padEnd(46)} ${rsec.toFixed(2).padStart(7)} s  ${String(restored.calls).padStart(6)} calls  ${failed} failed`,
);
sim.close();

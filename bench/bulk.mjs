// wmctl bulk, side by side with a shell loop of single `wmctl user create` calls:
//  1. bulk create of --count rows with a password (default 2,000) on the local backend, one process,
//     beside the machine's scrypt ceiling (the simulator hashes every password with scrypt N=16384:
//     about 40 ms of CPU each, on libuv's thread pool)             target: >= 90% of the scrypt ceiling
//  2. bulk update of --update rows (default 10,000) on the local backend: users seeded in-process
//     without passwords, then a new job title and department for each (the engine without the hash)
//                                                                  target: >= 1,000 rows/s
//  3. --served rows (default 500) against a spawned `local serve` throttled at --tps (default 20)
//     requests/s, through the real AWS SDK                       target >= 85% of the allowed rate, 0 failed rows
//  4. --loop single `wmctl user create` processes (default 200) on the local backend, one after another
// node bench/bulk.mjs [--count 2000] [--update 10000] [--served 500] [--tps 20] [--loop 200] [--concurrency 8]
import { spawnSync } from "node:child_process";
import { randomBytes, scrypt } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { arg, BIN, requireBuild, tempHome } from "./common.mjs";
import { seed } from "./seed.mjs";
import { serve } from "./serve.mjs";

requireBuild();
const count = arg("count", 2_000);
const updateRows = arg("update", 10_000);
const servedRows = arg("served", 500);
const tps = arg("tps", 20);
const loop = arg("loop", 200);
const concurrency = arg("concurrency", 8);

function wmctl(args, env, input) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, NO_COLOR: "1", AWS_EC2_METADATA_DISABLED: "true", ...env },
    input,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`wmctl ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { s, stdout: r.stdout, stderr: r.stderr };
}

function csv(home, n, prefix) {
  const path = join(home, `${prefix}.csv`);
  const lines = ["name,password,jobTitle"];
  for (let i = 0; i < n; i++) lines.push(`${prefix}${i},Passw0rd!${i},Engineer`);
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

function outcomes(report) {
  const counts = {};
  for (const line of readFileSync(report, "utf8").trim().split("\n").slice(1)) {
    const o = line.split(",")[3];
    counts[o] = (counts[o] ?? 0) + 1;
  }
  return counts;
}

const calls = (stderr) => Number(/(\d+) calls/.exec(stderr)?.[1] ?? NaN);
console.log(`wmctl bulk create (node ${process.version}, concurrency ${concurrency})`);

/** Hashes per second with the simulator's parameters, as many at once as libuv's pool runs. */
async function scryptCeiling(n = 200) {
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from(
      { length: n },
      (_, i) =>
        new Promise((resolve, reject) =>
          scrypt(`Passw0rd!${i}`, randomBytes(16), 32, { N: 16384, r: 8, p: 1 }, (e) => (e ? reject(e) : resolve())),
        ),
    ),
  );
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

// 1. Local backend, in one process, rows with a password.
{
  const home = tempHome("bulk-local");
  const env = { WMCTL_HOME: home };
  wmctl(["org", "create", "bench"], env);
  const from = csv(home, count, "u");
  const report = join(home, "report.csv");
  const r = wmctl(["bulk", "create", "--from", from, "--report", report, "--concurrency", String(concurrency)], env);
  const o = outcomes(report);
  const ceiling = await scryptCeiling();
  console.log(
    `  local backend, create with passwords: ${count} rows in ${r.s.toFixed(2)} s = ${(count / r.s).toFixed(1)} rows/s (process wall time, startup included); ${calls(r.stderr)} calls; outcomes ${JSON.stringify(o)}`,
  );
  console.log(
    `  scrypt ceiling on this machine now: ${ceiling.toFixed(1)} hashes/s; bulk create ran at ${Math.round((100 * count) / r.s / ceiling)}% of it`,
  );
  const again = wmctl(["bulk", "create", "--from", from, "--report", report], env);
  console.log(`  local backend, the same command again (resume: every row done): ${again.s.toFixed(2)} s`);
  rmSync(home, { recursive: true, force: true });
}

// 2. Local backend, the engine without the hash: bulk update of seeded users.
{
  const home = tempHome("bulk-update");
  const env = { WMCTL_HOME: home };
  const t0 = process.hrtime.bigint();
  const { org } = await seed(home, updateRows);
  const seeded = Number(process.hrtime.bigint() - t0) / 1e9;
  const from = join(home, "update.csv");
  const lines = ["name,jobTitle,department"];
  for (let i = 0; i < updateRows; i++) lines.push(`user${String(i).padStart(4, "0")},Engineer,R&D`);
  writeFileSync(from, `${lines.join("\n")}\n`);
  const report = join(home, "update-report.csv");
  const r = wmctl(
    ["--org", org, "bulk", "update", "--from", from, "--report", report, "--concurrency", String(concurrency)],
    env,
  );
  console.log(
    `  local backend, update: ${updateRows} rows in ${r.s.toFixed(2)} s = ${Math.round(updateRows / r.s)} rows/s (process wall time, startup included); ${calls(r.stderr)} calls; outcomes ${JSON.stringify(outcomes(report))} (seeding took ${seeded.toFixed(1)} s, not counted)`,
  );
  rmSync(home, { recursive: true, force: true });
}

// 3. Served simulator, throttled.
{
  const serverHome = tempHome("bulk-server");
  const clientHome = tempHome("bulk-client");
  const server = await serve(serverHome);
  try {
    const keys = JSON.parse(wmctl(["local", "credentials", "-o", "json"], { WMCTL_HOME: serverHome }).stdout);
    const env = {
      WMCTL_HOME: clientHome,
      AWS_ACCESS_KEY_ID: keys.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
      AWS_REGION: keys.region,
      AWS_CONFIG_FILE: join(clientHome, "aws-config"),
      AWS_SHARED_CREDENTIALS_FILE: join(clientHome, "aws-credentials"),
    };
    const at = (args) => wmctl(["--endpoint-url", server.endpoint, ...args], env);
    at(["org", "create", "bench"]);
    at(["local", "faults", "--throttle", String(tps)]);
    for (const [label, extra] of [
      [`no --rate (SDK adaptive retry + bucket)`, []],
      [`--rate ${tps}/s`, ["--rate", `${tps}/s`]],
    ]) {
      const prefix = extra.length ? "r" : "a";
      const from = csv(clientHome, servedRows, prefix);
      const report = join(clientHome, `${prefix}-report.csv`);
      const r = at([
        "bulk",
        "create",
        "--from",
        from,
        "--report",
        report,
        "--concurrency",
        String(concurrency),
        ...extra,
      ]);
      const n = calls(r.stderr);
      console.log(
        `  served, throttled at ${tps} req/s, ${label}: ${servedRows} rows in ${r.s.toFixed(1)} s = ${(servedRows / r.s).toFixed(2)} rows/s; ` +
          `${n} calls = ${(n / r.s).toFixed(1)} req/s = ${Math.round((100 * n) / r.s / tps)}% of the allowed rate; outcomes ${JSON.stringify(outcomes(report))}`,
      );
    }
  } finally {
    await server.stop();
    rmSync(serverHome, { recursive: true, force: true });
    rmSync(clientHome, { recursive: true, force: true });
  }
}

// 4. A shell loop of single commands, for comparison.
{
  const home = tempHome("bulk-loop");
  const env = { WMCTL_HOME: home };
  wmctl(["org", "create", "bench"], env);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < loop; i++)
    wmctl(["user", "create", `s${i}`, "--password-stdin", "--job-title", "Engineer"], env, `Passw0rd!${i}\n`);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `  shell loop of ${loop} \`wmctl user create\` processes (local backend): ${s.toFixed(1)} s = ${(loop / s).toFixed(1)} rows/s`,
  );
  rmSync(home, { recursive: true, force: true });
}

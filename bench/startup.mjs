// Startup cost: `wmctl --help` and `wmctl user list` (a local store of --users users, default 100, as
// issue #13 measured) against `node -e 0`, interleaved in the same run; medians and ratios of N runs
// (node bench/startup.mjs --runs 21 --users 100). Both wmctl commands run twice: as shipped (with the
// code cache bin/wmctl.js keeps beside the bundle, written by the warm-up run) and with
// NODE_DISABLE_COMPILE_CACHE=1, so the cache's share shows in the same run. stdout goes to /dev/null,
// except in the "stdout piped" row: there Node builds a socket for stdout (node:net), as it does for
// a pipe or a terminal, which `node -e 0` never does.
import { ROOT, BIN, arg, median, openSimulator, requireBuild, tempHome, timed } from "./common.mjs";

requireBuild();
const runs = arg("runs", 21);
const users = arg("users", 100);
const home = tempHome("startup");
const sim = await openSimulator(home);
const { OrganizationId } = await sim.createOrganization({ Alias: "bench" });
for (let i = 0; i < users; i++) {
  const { UserId } = await sim.createUser({ OrganizationId, Name: `user${i}`, DisplayName: `User ${i}` });
  await sim.registerToWorkMail({ OrganizationId, EntityId: UserId, Email: `user${i}@bench.awsapps.com` });
}
sim.close();

const env = { WMCTL_HOME: home, WMCTL_ORG: "bench" };
const noCache = { ...env, NODE_DISABLE_COMPILE_CACHE: "1" };
const cases = {
  "node -e 0": [["-e", "0"], env],
  "wmctl --help": [[BIN, "--help"], env],
  "wmctl user list": [[BIN, "user", "list"], env],
  "--help, stdout piped": [[BIN, "--help"], env, "pipe"],
  "--help, no cache": [[BIN, "--help"], noCache],
  "user list, no cache": [[BIN, "user", "list"], noCache],
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const [args, e, out] of Object.values(cases)) timed(process.execPath, args, e, out); // warm the file and code caches
for (let i = 0; i < runs; i++) {
  for (const [name, [args, e, out]] of Object.entries(cases)) times[name].push(timed(process.execPath, args, e, out));
}
const base = median(times["node -e 0"]);
const baseMin = Math.min(...times["node -e 0"]);
// Medians are the figure; the ratio of the minimums is printed too, as a check on a machine whose
// other work can push one median but rarely every minimum.
console.log(`startup, ${runs} runs each, interleaved (node ${process.version}, ${ROOT})`);
for (const [name, t] of Object.entries(times)) {
  const m = median(t);
  const min = Math.min(...t);
  const extra =
    name === "node -e 0"
      ? ""
      : `  ${(m / base).toFixed(2)}x (+${(m - base).toFixed(0)} ms over node -e 0; minimums ${(min / baseMin).toFixed(2)}x)`;
  console.log(
    `  ${name.padEnd(20)} median ${m.toFixed(1).padStart(6)} ms   min ${min.toFixed(1).padStart(6)} ms${extra}`,
  );
}

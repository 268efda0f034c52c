#!/usr/bin/env node
/**
 * npm run mutate [-- TARGET...]: mutation testing with StrykerJS and its vitest runner, one target at a
 * time (mutation/targets.mjs), then a table of scores. Not part of CI: a full run takes many minutes.
 * Reports: reports/mutation/<target>.html and .json.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { targets } from "./targets.mjs";

const args = process.argv.slice(2);
const unknown = args.filter((a) => !(a in targets));
if (unknown.length > 0) {
  console.error(`mutate: unknown target ${unknown.join(", ")}; known: ${Object.keys(targets).join(", ")}`);
  process.exit(2);
}
const names = args.length > 0 ? args : Object.keys(targets);
const rows = [];
for (const name of names) {
  const t = targets[name];
  console.log(`\n== ${name}: ${t.mutate.join(", ")} against ${t.tests.join(", ")}`);
  const r = spawnSync(process.execPath, ["node_modules/@stryker-mutator/core/bin/stryker.js", "run", "mutation/stryker.config.mjs"], {
    stdio: "inherit",
    env: { ...process.env, WMCTL_MUTATE_TARGET: name, WMCTL_MUTATE_TESTS: t.tests.join(",") },
  });
  if (r.status !== 0) {
    rows.push({ name, score: "failed", killed: "", survived: "", noCoverage: "", timeout: "" });
    continue;
  }
  const report = JSON.parse(readFileSync(`reports/mutation/${name}.json`, "utf8"));
  const counts = { Killed: 0, Survived: 0, NoCoverage: 0, Timeout: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  for (const file of Object.values(report.files)) for (const m of file.mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  rows.push({
    name,
    score: valid === 0 ? "n/a" : `${((100 * detected) / valid).toFixed(1)}%`,
    killed: counts.Killed,
    timeout: counts.Timeout,
    survived: counts.Survived,
    noCoverage: counts.NoCoverage,
  });
}
console.log("\ntarget              score   killed timeout survived no-coverage");
for (const r of rows)
  console.log(
    `${r.name.padEnd(18)} ${String(r.score).padStart(7)} ${String(r.killed).padStart(8)} ${String(r.timeout).padStart(7)} ${String(r.survived).padStart(8)} ${String(r.noCoverage).padStart(11)}`,
  );
process.exit(rows.some((r) => r.score === "failed") ? 1 : 0);

import { targets } from "./targets.mjs";

const name = process.env.WMCTL_MUTATE_TARGET;
const target = targets[name];
if (!target) throw new Error(`mutation/stryker.config.mjs: set WMCTL_MUTATE_TARGET to one of ${Object.keys(targets).join(", ")}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutate.config.ts", related: false },
  mutate: target.mutate,
  coverageAnalysis: "perTest",
  concurrency: Number(process.env.WMCTL_MUTATE_CONCURRENCY ?? 2),
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  tempDirName: `.stryker-tmp/${name}`,
  cleanTempDir: "always",
  ignorePatterns: ["dist", "reports", ".stryker-tmp", "bench", "man"],
  thresholds: { high: 85, low: 70, break: null },
  timeoutMS: 10_000,
};

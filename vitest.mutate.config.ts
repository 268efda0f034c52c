import { defineConfig } from "vitest/config";

/**
 * The vitest configuration Stryker runs (`npm run mutate`): the same environment as
 * vitest.config.ts, one project, and only the test files of the target being mutated
 * (WMCTL_MUTATE_TESTS, a comma-separated list set by mutation/run.mjs).
 */
const tests = (process.env.WMCTL_MUTATE_TESTS ?? "").split(",").filter(Boolean);
if (tests.length === 0) throw new Error("vitest.mutate.config.ts: WMCTL_MUTATE_TESTS is empty; run `npm run mutate`");

export default defineConfig({
  test: {
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ["test/helpers/setup.ts"],
    env: {
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      NO_COLOR: "",
    },
    include: tests,
  },
});

import { defineConfig } from "vitest/config";

/**
 * The API-level tests of each area (users and aliases, groups, resources, mail domains, mailboxes,
 * export jobs, the policy areas) run twice: in-process against the LocalBackend, and in project
 * "wire" through the real @aws-sdk/client-workmail (and the admin path) against the same store
 * served on 127.0.0.1 (test/helpers/wire-target.ts). The same assertions must pass both ways.
 */
const WIRE_FILES = [
  "test/contract/users-aliases.test.ts",
  "test/contract/groups.test.ts",
  "test/contract/resources.test.ts",
  "test/contract/mail-domains.test.ts",
  "test/contract/mailboxes.test.ts",
  "test/contract/mailbox-permissions.test.ts",
  "test/contract/export-jobs.test.ts",
  "test/contract/export-all.test.ts",
  "test/contract/access-rules.test.ts",
  "test/contract/mobile-access.test.ts",
  "test/contract/impersonation.test.ts",
  "test/contract/retention.test.ts",
  "test/contract/org-settings.test.ts",
  "test/contract/identity-center.test.ts",
  "test/contract/inventory-policies.test.ts",
];

export default defineConfig({
  test: {
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ["test/helpers/setup.ts"],
    // Each test file gets its own temporary WMCTL_HOME; nothing touches the real home.
    env: {
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      NO_COLOR: "",
    },
    projects: [
      { extends: true, test: { name: "default", include: ["test/**/*.test.ts"] } },
      { extends: true, test: { name: "wire", include: WIRE_FILES, env: { WMCTL_CONTRACT_TARGET: "served" } } },
    ],
  },
});

/**
 * What `npm run mutate` mutates, and which tests judge each module. Each target runs on its own:
 * Stryker mutates `mutate`, and vitest (through vitest.mutate.config.ts) includes only `tests`.
 * Restricting vitest's `include` rather than Stryker's testFiles keeps module-level constants
 * mutated (with testFiles they were left alone).
 */
export const targets = {
  "access-rules": {
    mutate: ["src/local-backend/rules/access-control.ts"],
    tests: ["test/unit/rules/access-control.test.ts", "test/unit/rules/ipv4.test.ts"],
  },
  "spf-parse": {
    mutate: ["src/dns-verify/records/spf-parse.ts"],
    tests: ["test/unit/dns-verify/spf-parse.test.ts"],
  },
  "dmarc-parse": {
    mutate: ["src/dns-verify/records/dmarc-parse.ts"],
    tests: ["test/unit/dns-verify/dmarc-parse.test.ts"],
  },
  "spf-lookups": {
    mutate: ["src/dns-verify/records/spf-lookups.ts"],
    tests: ["test/dns/spf-lookups.test.ts", "test/dns/verify-domain.test.ts"],
  },
  output: {
    mutate: ["src/output/output.ts", "src/output/table.ts", "src/output/table-layout.ts"],
    tests: [
      "test/unit/output/output.test.ts",
      "test/unit/output/output-streams.test.ts",
      "test/unit/output/table.test.ts",
      "test/unit/output/table-layout.test.ts",
    ],
  },
  formatting: {
    mutate: ["src/output/format.ts", "src/output/human.ts", "src/output/terminal-safe.ts"],
    tests: ["test/unit/output/format.test.ts", "test/unit/output/terminal-safe.test.ts", "test/unit/output/output.test.ts"],
  },
  "export-ledger": {
    mutate: ["src/export-jobs/ledger.ts"],
    tests: ["test/unit/export-jobs/ledger.test.ts"],
  },
  sigv4: {
    mutate: ["src/local-backend/http/sigv4.ts"],
    tests: ["test/unit/local-backend/http/sigv4.test.ts", "test/unit/local-backend/http/sigv4-suite.test.ts"],
  },
  "model-validation": {
    mutate: ["src/local-backend/model/validate.ts"],
    tests: ["test/unit/local-backend/validate.test.ts"],
  },
};

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalBackend } from "../../../src/local-backend/index.js";
import { identitySchema } from "../../../src/local-backend/operations/identity-schema.js";
import { openDatabase } from "../../../src/local-backend/store/database.js";
import { metaSchema } from "../../../src/local-backend/store/meta.js";

describe("opening a store made before the policy areas existed", () => {
  it("gives its organizations the default access and mobile rules", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wmctl-upgrade-"));
    try {
      const old = openDatabase(join(dir, "store.db"), [metaSchema, identitySchema]);
      old
        .prepare(
          "INSERT INTO organizations (id, alias, directory_id, directory_type, created_at, active_at) VALUES (?, 'old', 'd-0123456789', 'WorkMailDirectory', 1, 1)",
        )
        .run("m-0123456789abcdef0123456789abcdef");
      old.close();
      const backend = await LocalBackend.open({ dir, region: "us-east-1" });
      try {
        const OrganizationId = "m-0123456789abcdef0123456789abcdef";
        expect((await backend.listAccessControlRules({ OrganizationId })).Rules?.map((r) => r.Name)).toEqual([
          "default",
        ]);
        expect(
          (await backend.listMobileDeviceAccessRules({ OrganizationId })).Rules?.map((r) => [r.Name, r.Effect]),
        ).toEqual([["default", "ALLOW"]]);
        expect((await backend.describeInboundDmarcSettings({ OrganizationId })).Enforced).toBe(true);
      } finally {
        backend.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

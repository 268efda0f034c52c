import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MailOrg } from "../helpers/mail-org.js";
import { spawnCli } from "../helpers/spawn-cli.js";

const home = mkdtempSync(join(tmpdir(), "wmctl-e2e-full-disk-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { WMCTL_HOME: home };

const wmctlWithFileLimit = (blocks: number, args: string[]) => spawnCli(args, { env, fileSizeLimitBlocks: blocks });

describe("org inventory --out DIR on a full disk", () => {
  beforeAll(async () => {
    // An organization whose users table is far bigger than the file size limit below.
    const o = await MailOrg.open({ dir: home, alias: "fulldisk" });
    for (let i = 0; i < 300; i++) {
      await o.api.createUser({
        OrganizationId: o.orgId,
        Name: `user${i}`,
        DisplayName: `User ${i} ${"with a long display name ".repeat(9)}`,
      });
    }
    await o.close();
  }, 120_000);

  it("fails with one readable line, leaves no temporary file, and the re-run takes the folder", async () => {
    const out = join(home, "inv");
    // Big enough for the small files, too small for the users table.
    const failed = await wmctlWithFileLimit(64, ["--org", "fulldisk", "org", "inventory", "--out", out]);
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toMatch(/^error: EFBIG: file too large/m);
    expect(failed.stderr).not.toContain("EFBIG: EFBIG");
    expect(readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]);
    // A run killed while writing leaves wmctl's own temporary files: the next run accepts the folder and removes them.
    writeFileSync(join(out, ".users.csv.12345.tmp"), "partial");
    const again = await spawnCli(["--org", "fulldisk", "org", "inventory", "--out", out], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]);
    expect(readdirSync(out)).toContain("inventory.json");
    mkdirSync(join(home, "other"));
    writeFileSync(join(home, "other", "notes.txt"), "mine");
    expect(
      (await spawnCli(["--org", "fulldisk", "org", "inventory", "--out", join(home, "other")], { env })).code,
    ).toBe(2);
  }, 60_000);
});

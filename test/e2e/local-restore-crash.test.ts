import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalBackend } from "../../src/local-backend/index.js";
import { filesUnder } from "../../src/local-backend/store/restore-files.js";
import { MailOrg, message } from "../helpers/mail-org.js";
import { spawnCli } from "../helpers/spawn-cli.js";

const home = mkdtempSync(join(tmpdir(), "wmctl-e2e-restore-crash-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Which snapshot's state the store holds ("a", "b" or "mixed"), and the message rows whose file is missing. */
async function inspect(): Promise<{ state: string; rows: number; missingFiles: number }> {
  const backend = await LocalBackend.open({ dir: home, region: "us-east-1" });
  try {
    const aliases = backend.db.prepare<[], string>("SELECT alias FROM organizations ORDER BY alias").pluck().all();
    const files = backend.db.prepare<[], string>("SELECT file FROM mail_items").pluck().all();
    const missingFiles = files.filter((f) => !existsSync(join(home, "mail", f))).length;
    return {
      state:
        aliases.join(",") === "snapa"
          ? "a"
          : aliases.join(",") === "snapb"
            ? "b"
            : aliases.length === 0
              ? "empty"
              : `mixed(${aliases.join(",")})`,
      rows: files.length,
      missingFiles,
    };
  } finally {
    backend.close();
  }
}

/** Starts `wmctl local restore NAME --yes` and kills it with SIGKILL after `ms` (code 128 when killed). */
const restoreKilledAfter = (name: string, ms: number) =>
  spawnCli(["local", "restore", name, "--yes"], { env: { WMCTL_HOME: home }, timeoutMs: ms });

describe("kill -9 during `wmctl local restore`", () => {
  const PER = 1200;
  beforeAll(async () => {
    // Two snapshots with different organizations and different message files.
    for (const alias of ["snapa", "snapb"]) {
      const o = await MailOrg.open({ dir: home, alias });
      await o.user("alice");
      for (let i = 0; i < PER; i += 200)
        await o.deliver(
          o.email("alice"),
          Array.from({ length: 200 }, (_, k) => message(`${alias} ${i + k}`, "x".repeat(2000))),
        );
      await o.control.snapshot(alias);
      await o.control.reset();
      await o.close();
    }
    const b = await MailOrg.attach(home).catch(() => undefined);
    expect(b).toBeUndefined(); // reset: no organization until a snapshot is restored
  }, 120_000);

  it("leaves the old or the new state, every message row with its file", async () => {
    const outcomes: string[] = [];
    let target = "snapa";
    // Kill points from before the database is touched to after the restore has finished.
    for (const ms of [150, 250, 350, 450, 550, 650, 800, 1000, 1300, 1700, 2500]) {
      const before = await inspect();
      const r = await restoreKilledAfter(target, ms);
      const after = await inspect();
      outcomes.push(`${ms}ms:${r.code === 128 ? "SIGKILL" : r.code}:${before.state}->${after.state}`);
      expect(after.missingFiles, outcomes.join(" ")).toBe(0);
      expect(["a", "b", before.state], outcomes.join(" ")).toContain(after.state);
      if (after.state !== "mixed" && after.state === target.slice(4)) target = target === "snapa" ? "snapb" : "snapa";
      if (after.state === "a" || after.state === "b") expect(after.rows).toBe(PER);
    }
    // Whatever was killed, a complete restore then works and exports every message.
    const done = await restoreKilledAfter(target, 60_000);
    expect(done.code, done.stderr).toBe(0);
    const final = await inspect();
    expect(final).toEqual({ state: target.slice(4), rows: PER, missingFiles: 0 });
    // No staging leftovers and none of the other state's files once a restore completed.
    expect(filesUnder(join(home, "mail"))).toHaveLength(PER);
    const o = await MailOrg.attach(home);
    try {
      const { JobId } = await o.api.startMailboxExportJob({
        OrganizationId: o.orgId,
        EntityId: "alice",
        ClientToken: "after-crash",
        RoleArn: "arn:aws:iam::111122223333:role/R",
        KmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k",
        S3BucketName: "exports",
        S3Prefix: "p",
      });
      const d = await o.api.describeMailboxExportJob({ OrganizationId: o.orgId, JobId: JobId as string });
      expect(d.State, d.ErrorInfo).toBe("COMPLETED");
    } finally {
      await o.close();
    }
    console.log(`restore kill points: ${outcomes.join(" ")}`);
  }, 240_000);
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAwsBackend } from "../../src/backend/aws-backend.js";
import type { RunningSimulator } from "../../src/backend/simulator-server.js";
import type { WorkMailApi } from "../../src/backend/workmail-api.js";
import { toCliError } from "../../src/errors/to-cli-error.js";
import { serveSimulator } from "../../src/local-backend/http/simulator-server.js";
import { spawnCli } from "../helpers/spawn-cli.js";

/**
 * WorkMail's LimitExceededException is a resource limit (11 access rules, a second export within
 * 24 hours): the SDK classes it as throttling, wmctl must not retry it. Real throttling is retried.
 */
let dir: string;
let running: RunningSimulator;
let api: WorkMailApi;
let org: string;

async function failure(p: Promise<unknown>): Promise<Error & { $metadata?: { attempts?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { $metadata?: { attempts?: number } };
  }
  throw new Error("expected the call to fail");
}

const requests = async () => (await running.control.status()).server?.requests.total ?? 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-retry-"));
  running = await serveSimulator({
    dataDir: dir,
    region: "us-east-1",
    host: "127.0.0.1",
    port: 0,
    auth: true,
    faults: {},
  });
  const c = await running.control.credentials();
  api = await createAwsBackend({
    region: "us-east-1",
    awsProfile: undefined,
    endpoint: running.endpoint,
    maxAttempts: 3,
    credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey },
  });
});
afterAll(async () => {
  await running.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await running.control.reset();
  await running.control.setFaults({ throttleTps: null, errorRate: 0, latencyMs: 0 });
  org = (await api.createOrganization({ Alias: `retry-${Date.now()}` })).OrganizationId as string;
});

describe("the AWS backend's retries", () => {
  it("sends the 11th access rule once: LimitExceededException is a limit, not throttling (exit 7)", async () => {
    // A new organization has its default rule: nine more make ten, the maximum.
    for (let i = 1; i <= 9; i++)
      await api.putAccessControlRule({ OrganizationId: org, Name: `r${i}`, Effect: "ALLOW", Description: "x" });
    const before = await requests();
    const started = performance.now();
    const e = await failure(
      api.putAccessControlRule({ OrganizationId: org, Name: "r10", Effect: "ALLOW", Description: "x" }),
    );
    const elapsed = performance.now() - started;
    expect(e.name).toBe("LimitExceededException");
    expect(toCliError(e).exitCode).toBe(7);
    expect(e.$metadata?.attempts).toBe(1);
    expect((await requests()) - before).toBe(1);
    // Reported, not asserted as a timer: one request, no back-off.
    console.log(`11th access rule: 1 request, ${elapsed.toFixed(0)} ms`);
  });

  it("still retries real throttling (ThrottlingException), up to the attempts allowed", async () => {
    await running.control.setFaults({ throttleTps: 0.01 });
    await api.listOrganizations({}); // spends the only token of the bucket
    const before = await requests();
    const e = await failure(api.listOrganizations({}));
    expect(e.name).toBe("ThrottlingException");
    expect(toCliError(e).exitCode).toBe(7);
    expect(e.$metadata?.attempts).toBe(3);
    expect((await requests()) - before).toBe(3);
  });

  it("wmctl access-rule put: the 11th rule exits 7 after one request, with the service's error", async () => {
    for (let i = 1; i <= 9; i++)
      await api.putAccessControlRule({ OrganizationId: org, Name: `r${i}`, Effect: "ALLOW", Description: "x" });
    const c = await running.control.credentials();
    const home = mkdtempSync(join(tmpdir(), "wmctl-retry-cli-"));
    const env = {
      WMCTL_HOME: home,
      WMCTL_ENDPOINT_URL: running.endpoint,
      AWS_ACCESS_KEY_ID: c.accessKeyId,
      AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
      AWS_REGION: "us-east-1",
      AWS_CONFIG_FILE: join(home, "aws-config"),
      AWS_SHARED_CREDENTIALS_FILE: join(home, "aws-credentials"),
    };
    try {
      const before = await requests();
      const started = performance.now();
      const r = await spawnCli(["--debug", "--org", org, "access-rule", "put", "r10", "--effect", "ALLOW"], { env });
      const elapsed = performance.now() - started;
      expect(r.stderr).toMatch(/^error: LimitExceededException: /m);
      expect(r.code).toBe(7);
      // --debug logs every attempt on the wire: the PutAccessControlRule is sent once, not 3 times.
      expect(r.stderr.split("\n").filter((l) => l.includes("WorkMailService.PutAccessControlRule"))).toHaveLength(1);
      const sent = (await requests()) - before;
      console.log(
        `wmctl access-rule put (11th rule): exit ${r.code}, ${sent} WorkMail requests in all, ${elapsed.toFixed(0)} ms (process included)`,
      );
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type ServedProcess } from "../helpers/serve-process.js";
import { spawnCli } from "../helpers/spawn-cli.js";

/**
 * The built CLI against a spawned `wmctl local serve`: every call goes through the real SDK over
 * HTTP (the client has its own WMCTL_HOME, so it cannot reach the store directly).
 */
const serverHome = mkdtempSync(join(tmpdir(), "wmctl-e2e-serve-"));
const clientHome = mkdtempSync(join(tmpdir(), "wmctl-e2e-client-"));
let served: ServedProcess;
let keys: { accessKeyId: string; secretAccessKey: string; region: string };
let client: Record<string, string>;

beforeAll(async () => {
  served = await startServe({ WMCTL_HOME: serverHome });
  const c = await spawnCli(["local", "credentials", "-o", "json"], { env: { WMCTL_HOME: serverHome } });
  keys = JSON.parse(c.stdout) as typeof keys;
  client = {
    WMCTL_HOME: clientHome,
    WMCTL_ENDPOINT_URL: served.endpoint,
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    AWS_REGION: keys.region,
    AWS_CONFIG_FILE: join(clientHome, "aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(clientHome, "aws-credentials"),
  };
}, 30_000);

afterAll(async () => {
  if (served.child.exitCode === null) await served.stop();
  rmSync(serverHome, { recursive: true, force: true });
  rmSync(clientHome, { recursive: true, force: true });
});

const wmctl = (args: string, env: Record<string, string> = {}) =>
  spawnCli(args.split(" "), { env: { ...client, ...env } });

describe("wmctl --endpoint-url against wmctl local serve", () => {
  it("prints the endpoint URL alone with --fields endpoint", () => {
    expect(served.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("runs organization commands through the SDK, with the service's errors and exit codes", async () => {
    const created = await wmctl("org create acme --json");
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ alias: "acme", state: "Active" });
    const list = await wmctl("org list --fields alias,state");
    expect(list.stdout).toBe("acme\tActive\n");
    const taken = await wmctl("org create ACME");
    expect(taken.code).toBe(6);
    expect(taken.stderr).toBe("error: NameAvailabilityException: The alias ACME is already in use.\n");
    const invalid = await wmctl("org create d-x");
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^error: ValidationException: "d-x" is not a valid organization alias: /);
    const missing = await wmctl("--org m-00000000000000000000000000000000 org describe");
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain("OrganizationNotFoundException");
    // The same store, seen in-process by the server's own wmctl.
    const local = await spawnCli(["org", "list", "--fields", "alias"], { env: { WMCTL_HOME: serverHome } });
    expect(local.stdout).toBe("acme\n");
  });

  it("controls the served simulator: advance, lifecycle, status", async () => {
    const adv = await wmctl("local advance 25h");
    expect(adv.code).toBe(0);
    expect(adv.stderr).toMatch(/Simulator time is now/);
    await wmctl("local lifecycle organizationCreate=1h");
    expect(JSON.parse((await wmctl("org create slowco --json")).stdout)).toMatchObject({ state: "Creating" });
    await wmctl("local advance 61m");
    expect(JSON.parse((await wmctl("org describe slowco --json")).stdout)).toMatchObject({ state: "Active" });
    await wmctl("local lifecycle --reset");
    const status = JSON.parse((await wmctl("local status --json")).stdout) as {
      endpoint: string;
      auth: string;
      clockOffset: string;
      store: string;
    };
    expect(status).toMatchObject({
      endpoint: served.endpoint,
      auth: "sigv4",
      clockOffset: "+1d2h1m",
      store: serverHome,
    });
  });

  it("refuses wrong keys with exit code 4", async () => {
    const r = await wmctl("org list", { AWS_SECRET_ACCESS_KEY: "not-the-secret" });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: InvalidSignatureException: The request signature we calculated does not match/);
    const hint =
      'hint: a wmctl local serve endpoint takes its own keys: eval "$(wmctl local credentials)" on its store\n';
    expect(r.stderr).toContain(hint);
    // The admin path (simulator control) says the same.
    const control = await wmctl("local status", { AWS_SECRET_ACCESS_KEY: "not-the-secret" });
    expect(control.code).toBe(4);
    expect(control.stderr).toMatch(/^error: InvalidSignatureException: /);
    expect(control.stderr).toContain(hint);
  });

  it("retries throttling, then exits 7 when retries run out", async () => {
    expect((await wmctl("local faults --throttle 0.01")).code).toBe(0);
    expect((await wmctl("org list", { WMCTL_MAX_ATTEMPTS: "2" })).code).toBe(0);
    const before = JSON.parse((await wmctl("local status --json")).stdout) as { requests: { throttled: number } };
    const r = await wmctl("org list", { WMCTL_MAX_ATTEMPTS: "2" });
    expect(r.code).toBe(7);
    expect(r.stderr).toBe("error: ThrottlingException: Rate exceeded\n");
    const after = JSON.parse((await wmctl("local status --json")).stdout) as { requests: { throttled: number } };
    expect(after.requests.throttled - before.requests.throttled).toBe(2);
    await wmctl("local faults --clear");
  }, 30_000);

  it("retries 500 InternalFailure, then exits 1 when retries run out", async () => {
    await wmctl("local faults --error-rate 1");
    const before = JSON.parse((await wmctl("local status --json")).stdout) as {
      requests: { injectedFailures: number };
    };
    const r = await wmctl("org list", { WMCTL_MAX_ATTEMPTS: "3" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: InternalFailure: /);
    const after = JSON.parse((await wmctl("local status --json")).stdout) as { requests: { injectedFailures: number } };
    expect(after.requests.injectedFailures - before.requests.injectedFailures).toBe(3);
    await wmctl("local faults --clear");
    expect((await wmctl("org list")).code).toBe(0);
  }, 30_000);
});

const awsCli = spawnSync("aws", ["--version"], { encoding: "utf8" });
const hasAws = awsCli.status === 0;
if (!hasAws) console.warn("skipping the AWS CLI test: `aws` is not on PATH");

describe.skipIf(!hasAws)("the AWS CLI against wmctl local serve", () => {
  const aws = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn("aws", [...args, "--endpoint-url", served.endpoint, "--output", "json"], {
        env: {
          PATH: process.env.PATH,
          HOME: clientHome,
          AWS_ACCESS_KEY_ID: keys.accessKeyId,
          AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
          AWS_DEFAULT_REGION: keys.region,
          AWS_CONFIG_FILE: join(clientHome, "aws-config"),
          AWS_SHARED_CREDENTIALS_FILE: join(clientHome, "aws-credentials"),
          AWS_EC2_METADATA_DISABLED: "true",
        },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });

  it(`creates, lists and pages with ${awsCli.stdout.trim().split(" ")[0] ?? "aws"}, and shows the service's error names`, async () => {
    const created = await aws(["workmail", "create-organization", "--alias", "awscli"]);
    expect(created.stderr).toBe("");
    const org = (JSON.parse(created.stdout) as { OrganizationId: string }).OrganizationId;
    for (const name of ["u1", "u2", "u3", "u4", "u5"]) {
      const u = await aws([
        "workmail",
        "create-user",
        "--organization-id",
        org,
        "--name",
        name,
        "--display-name",
        name.toUpperCase(),
      ]);
      expect(u.code).toBe(0);
    }
    const listed = await aws(["workmail", "list-users", "--organization-id", org, "--page-size", "2"]);
    expect(listed.code).toBe(0);
    const users = (JSON.parse(listed.stdout) as { Users: { Name: string; State: string }[] }).Users;
    expect(users.map((u) => u.Name)).toEqual(["u1", "u2", "u3", "u4", "u5"]);
    const described = await aws(["workmail", "describe-organization", "--organization-id", org]);
    expect(JSON.parse(described.stdout)).toMatchObject({
      Alias: "awscli",
      State: "Active",
      CompletedDate: expect.any(Number),
    });
    const missing = await aws(["workmail", "describe-user", "--organization-id", org, "--user-id", "nobody"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(
      "An error occurred (EntityNotFoundException) when calling the DescribeUser operation: The user nobody does not exist",
    );
    const invalid = await aws([
      "workmail",
      "create-user",
      "--organization-id",
      org,
      "--name",
      "x y",
      "--display-name",
      "X",
    ]);
    expect(invalid.stderr).toContain("(ValidationException)");
  }, 60_000);

  it("reaches the simulator's Route 53 and S3 on the same endpoint: aws route53, aws s3 ls and cp", async () => {
    const zone = await aws(["route53", "create-hosted-zone", "--name", "awscli.example", "--caller-reference", "r1"]);
    expect(zone.stderr).toBe("");
    const id = (JSON.parse(zone.stdout) as { HostedZone: { Id: string } }).HostedZone.Id;
    const batch = {
      Changes: [
        {
          Action: "UPSERT",
          ResourceRecordSet: {
            Name: "awscli.example",
            Type: "MX",
            TTL: 300,
            ResourceRecords: [{ Value: "10 inbound-smtp.us-east-1.amazonaws.com" }],
          },
        },
      ],
    };
    const change = await aws([
      "route53",
      "change-resource-record-sets",
      "--hosted-zone-id",
      id,
      "--change-batch",
      JSON.stringify(batch),
    ]);
    expect(change.stderr).toBe("");
    const sets = await aws(["route53", "list-resource-record-sets", "--hosted-zone-id", id]);
    expect(
      (JSON.parse(sets.stdout) as { ResourceRecordSets: Array<{ Type: string }> }).ResourceRecordSets.map(
        (r) => r.Type,
      ),
    ).toContain("MX");
    const zones = await aws(["route53", "list-hosted-zones"]);
    expect(
      (JSON.parse(zones.stdout) as { HostedZones: Array<{ Name: string }> }).HostedZones.map((z) => z.Name),
    ).toEqual(["awscli.example."]);
    expect(JSON.parse((await aws(["route53", "get-hosted-zone", "--id", id])).stdout)).toMatchObject({
      HostedZone: { Name: "awscli.example." },
    });
    const missing = await aws(["route53", "get-hosted-zone", "--id", "ZNOPE"]);
    expect(missing.stderr).toContain("(NoSuchHostedZone)");

    const bytes = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256));
    mkdirSync(join(serverHome, "s3", "awscli-bucket", "p"), { recursive: true });
    writeFileSync(join(serverHome, "s3", "awscli-bucket", "p", "job.zip"), bytes);
    const ls = await aws(["s3", "ls", "s3://awscli-bucket/p/"]);
    expect(ls.code).toBe(0);
    expect(ls.stdout).toMatch(/100000 job\.zip/);
    const dest = join(clientHome, "job.zip");
    const cp = await aws(["s3", "cp", "s3://awscli-bucket/p/job.zip", dest]);
    expect(cp.code).toBe(0);
    expect(readFileSync(dest)).toEqual(bytes);
    const none = await aws(["s3", "cp", "s3://awscli-bucket/p/none.zip", dest]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/404|Not Found|does not exist/);
  }, 60_000);
});

describe("stopping wmctl local serve", () => {
  it("shuts down cleanly on SIGTERM with exit code 0", async () => {
    const r = await served.stop();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("SIGTERM: stopping");
    expect(r.stderr).toContain(`Stopped serving ${served.endpoint}`);
    const after = await wmctl("org list");
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/ECONNREFUSED|connect/);
  });
});

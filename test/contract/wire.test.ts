import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeOrganizationCommand, ListOrganizationsCommand, WorkMailClient } from "@aws-sdk/client-workmail";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/backend/simulator-server.js";
import { WORKMAIL_OPERATIONS } from "../../src/backend/workmail-api.js";
import { toCliError } from "../../src/errors/to-cli-error.js";
import { serveSimulator } from "../../src/local-backend/http/simulator-server.js";
import { raw } from "./raw-http.js";

/** The wire protocol itself, as only a served simulator shows it: raw HTTP and the real SDK. */
let dir: string;
let running: RunningSimulator;
let creds: { accessKeyId: string; secretAccessKey: string };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wmctl-wire-"));
  running = await serveSimulator({
    dataDir: dir,
    region: "us-east-1",
    host: "127.0.0.1",
    port: 0,
    auth: true,
    faults: {},
  });
  const c = await running.control.credentials();
  creds = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey };
});
afterAll(async () => {
  await running.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await running.control.reset();
  await running.control.setFaults({ throttleTps: null, errorRate: 0, latencyMs: 0 });
});

const call = (target: string, body: unknown, extra: Parameters<typeof raw>[1] = {}) =>
  raw(running.endpoint, { target: `WorkMailService.${target}`, body: JSON.stringify(body), sign: creds, ...extra });

function sdk(options: Partial<ConstructorParameters<typeof WorkMailClient>[0]> = {}): WorkMailClient {
  return new WorkMailClient({
    region: "us-east-1",
    endpoint: running.endpoint,
    credentials: creds,
    maxAttempts: 1,
    ...options,
  });
}

describe("awsJson1_1 replies", () => {
  it("answers 200 with application/x-amz-json-1.1, epoch-second timestamps, and a request id on every reply", async () => {
    const org = (await call("CreateOrganization", { Alias: "acme" })).json<{ OrganizationId: string }>().OrganizationId;
    const r = await call("DescribeOrganization", { OrganizationId: org });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/x-amz-json-1.1");
    expect(r.headers["x-amzn-requestid"]).toMatch(UUID);
    expect(r.headerNames).toEqual(expect.arrayContaining(["Content-Type", "x-amzn-RequestId", "Date"]));
    const body = r.json<{ CompletedDate: unknown; ErrorMessage?: unknown }>();
    expect(typeof body.CompletedDate).toBe("number");
    expect(Math.abs((body.CompletedDate as number) * 1000 - Date.now())).toBeLessThan(60_000);
    expect("ErrorMessage" in body).toBe(false);
    const again = await call("DescribeOrganization", { OrganizationId: org });
    expect(again.headers["x-amzn-requestid"]).not.toBe(r.headers["x-amzn-requestid"]);
  });

  it("answers a service error with HTTP 400, x-amzn-ErrorType and {__type, Message}", async () => {
    const r = await call("DescribeOrganization", { OrganizationId: "m-00000000000000000000000000000000" });
    expect(r.status).toBe(400);
    expect(r.headers["x-amzn-errortype"]).toBe("OrganizationNotFoundException");
    expect(r.headerNames).toContain("x-amzn-ErrorType");
    expect(r.headers["x-amzn-requestid"]).toMatch(UUID);
    expect(r.json()).toEqual({
      __type: "OrganizationNotFoundException",
      Message: "Organization m-00000000000000000000000000000000 was not found.",
    });
  });

  it("answers the front end's own errors with a lower-case message: ValidationException", async () => {
    const r = await call("ListUsers", { OrganizationId: "m-1" });
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({
      __type: "ValidationException",
      message:
        "1 validation error detected: Value 'm-1' at 'organizationId' failed to satisfy constraint: Member must have length greater than or equal to 34",
    });
  });

  it("answers a member of the wrong JSON type with SerializationException", async () => {
    const r = await call("ListOrganizations", { MaxResults: "5" });
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({
      __type: "SerializationException",
      Message: "class java.lang.String can not be converted to an Integer",
    });
  });

  it("answers an unknown operation with UnknownOperationException, and malformed JSON with SerializationException", async () => {
    for (const target of [
      "WorkMailService.NoSuchOperation",
      "OtherService.ListUsers",
      "WorkMailService",
      "WorkMailService.ListUsers.Extra",
    ]) {
      const r = await raw(running.endpoint, { target, body: "{}", sign: creds });
      expect([target, r.status, r.text]).toEqual([target, 400, '{"__type":"UnknownOperationException"}']);
      expect(r.headers["x-amzn-errortype"]).toBe("UnknownOperationException");
    }
    expect((await raw(running.endpoint, { body: "{}", sign: creds })).json()).toEqual({
      __type: "UnknownOperationException",
    });
    for (const body of ["{not json", "[]", "42", "null"]) {
      const r = await raw(running.endpoint, { target: "WorkMailService.ListOrganizations", body, sign: creds });
      expect([body, r.status, r.text]).toEqual([body, 400, '{"__type":"SerializationException"}']);
    }
    expect(
      (await raw(running.endpoint, { target: "WorkMailService.ListOrganizations", body: "", sign: creds })).json(),
    ).toEqual({ __type: "SerializationException" });
  });

  it("answers another method or content type as the AWS front end does, and ignores the path", async () => {
    const get = await raw(running.endpoint, { method: "GET", contentType: null });
    expect(get.status).toBe(403);
    expect(get.text).toContain("<Message>Unable to determine service/operation name to be authorized</Message>");
    expect(get.headers["x-amzn-requestid"]).toMatch(UUID);
    const form = await raw(running.endpoint, {
      target: "WorkMailService.ListOrganizations",
      contentType: "application/x-www-form-urlencoded",
      body: "a=b",
      sign: creds,
    });
    expect([form.status, form.text]).toEqual([404, "<UnknownOperationException/>\n"]);
    const anyPath = await call("ListOrganizations", {}, { path: "/some/prefix/" });
    expect(anyPath.status).toBe(200);
  });

  it("answers a browser's CORS preflight and exposes the request id", async () => {
    const pre = await raw(running.endpoint, {
      method: "OPTIONS",
      contentType: null,
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,x-amz-target",
      },
    });
    expect(pre.status).toBe(200);
    expect(pre.headers).toMatchObject({
      "access-control-allow-methods": "POST",
      "access-control-allow-headers": "authorization,x-amz-target",
    });
    const r = await call("ListOrganizations", {}, { headers: { origin: "http://localhost:3000" } });
    expect(r.headers["access-control-allow-origin"]).toBe("*");
    expect(r.headers["access-control-expose-headers"]).toContain("x-amzn-RequestId");
  });

  it("lets a request in flight finish when it stops", async () => {
    const other = await serveSimulator({
      dataDir: mkdtempSync(join(tmpdir(), "wmctl-wire-drain-")),
      region: "us-east-1",
      host: "127.0.0.1",
      port: 0,
      auth: false,
      faults: { latencyMs: 300 },
    });
    const inFlight = raw(other.endpoint, { target: "WorkMailService.ListOrganizations", body: "{}" });
    while (((await other.control.status()).server?.requests.total ?? 0) < 1)
      await new Promise((r) => setTimeout(r, 10));
    await other.stop();
    expect((await inFlight).status).toBe(200);
    await expect(
      raw(other.endpoint, { target: "WorkMailService.ListOrganizations", body: "{}" }),
    ).rejects.toMatchObject({ code: "ECONNREFUSED" });
    rmSync(other.store, { recursive: true, force: true });
  });

  it("routes every one of the 92 operations (never UnknownOperationException)", async () => {
    for (const op of WORKMAIL_OPERATIONS) {
      const r = await call(op, {});
      expect([op, r.json().__type]).not.toEqual([op, "UnknownOperationException"]);
      expect([op, r.status]).not.toEqual([op, 500]);
    }
  });
});

describe("SigV4", () => {
  it("refuses unsigned, wrongly signed, unknown-key, stale, other-region and token-carrying requests", async () => {
    const op = { target: "WorkMailService.ListOrganizations", body: "{}" };
    const err = async (o: Parameters<typeof raw>[1]) => {
      const r = await raw(running.endpoint, { ...op, ...o });
      return { status: r.status, ...r.json<{ __type: string; message: string }>() };
    };
    expect(await err({})).toEqual({
      status: 400,
      __type: "MissingAuthenticationTokenException",
      message: "Missing Authentication Token",
    });
    expect(await err({ sign: { ...creds, secretAccessKey: "wrong" } })).toMatchObject({
      status: 400,
      __type: "InvalidSignatureException",
    });
    expect(await err({ sign: { ...creds, accessKeyId: "AKIDUNKNOWN" } })).toEqual({
      status: 400,
      __type: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
    });
    expect(await err({ sign: { ...creds, now: new Date(Date.now() - 20 * 60_000) } })).toMatchObject({
      __type: "InvalidSignatureException",
      message: expect.stringMatching(/^Signature expired: /),
    });
    expect(await err({ sign: { ...creds, now: new Date(Date.now() + 20 * 60_000) } })).toMatchObject({
      message: expect.stringMatching(/^Signature not yet current: /),
    });
    expect(await err({ sign: { ...creds, region: "eu-west-1" } })).toMatchObject({
      __type: "InvalidSignatureException",
      message: "Credential should be scoped to a valid region, not 'eu-west-1'.",
    });
    expect(await err({ sign: { ...creds, sessionToken: "token-from-elsewhere" } })).toMatchObject({
      __type: "UnrecognizedClientException",
    });
    expect((await running.control.status()).server?.requests.unauthenticated).toBe(7);
  });

  it("surfaces a wrong secret through the SDK as InvalidSignatureException, exit code 4", async () => {
    const e = await sdk({ credentials: { ...creds, secretAccessKey: "wrong" } })
      .send(new ListOrganizationsCommand({}))
      .catch((x: unknown) => x as Error);
    expect((e as Error).name).toBe("InvalidSignatureException");
    expect(toCliError(e).exitCode).toBe(4);
  });

  it("lets the SDK correct a skewed clock from the Date header and retry", async () => {
    const client = sdk({ systemClockOffset: -20 * 60_000, maxAttempts: 3 });
    const out = await client.send(new ListOrganizationsCommand({}));
    expect(out.$metadata.attempts).toBe(2);
  });

  it("accepts unsigned requests with --no-auth", async () => {
    const open = await serveSimulator({
      dataDir: dir,
      region: "us-east-1",
      host: "127.0.0.1",
      port: 0,
      auth: false,
      faults: {},
    });
    try {
      const r = await raw(open.endpoint, { target: "WorkMailService.ListOrganizations", body: "{}" });
      expect(r.status).toBe(200);
      // Two servers on one store: the store names the newer one while both run ...
      expect((await running.control.credentials()).endpoint).toBe(open.endpoint);
    } finally {
      await open.stop();
    }
    // ... and the older one again once the newer one has stopped.
    expect((await running.control.credentials()).endpoint).toBe(running.endpoint);
  });
});

describe("fault injection", () => {
  it("throttles beyond the rate with ThrottlingException, which the SDK retries", async () => {
    await running.control.setFaults({ throttleTps: 0.01 });
    expect((await call("ListOrganizations", {})).status).toBe(200);
    const r = await call("ListOrganizations", {});
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({ __type: "ThrottlingException", message: "Rate exceeded" });
    const before = (await running.control.status()).server?.requests.throttled ?? 0;
    const e = await sdk({ maxAttempts: 2 })
      .send(new ListOrganizationsCommand({}))
      .catch((x: unknown) => x as Error & { $metadata: { attempts: number } });
    expect((e as Error).name).toBe("ThrottlingException");
    expect((e as { $metadata: { attempts: number } }).$metadata.attempts).toBe(2);
    expect(((await running.control.status()).server?.requests.throttled ?? 0) - before).toBe(2);
    expect(toCliError(e).exitCode).toBe(7);
  });

  it("fails a share of requests with 500 InternalFailure, retried by the SDK, exit code 1", async () => {
    await running.control.setFaults({ errorRate: 1 });
    const r = await call("ListOrganizations", {});
    expect(r.status).toBe(500);
    expect(r.json()).toMatchObject({ __type: "InternalFailure" });
    const e = await sdk({ maxAttempts: 3 })
      .send(new DescribeOrganizationCommand({ OrganizationId: "m-00000000000000000000000000000000" }))
      .catch((x: unknown) => x as Error & { $fault: string; $metadata: { attempts: number } });
    expect(e).toMatchObject({ name: "InternalFailure", $fault: "server", $metadata: { attempts: 3 } });
    expect(toCliError(e).exitCode).toBe(1);
  });

  it("adds latency, and never touches the admin path", async () => {
    await running.control.setFaults({ latencyMs: 150, errorRate: 1 });
    const t0 = performance.now();
    await call("ListOrganizations", {});
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    const admin = await raw(running.endpoint, {
      method: "GET",
      path: "/_wmctl/faults",
      contentType: null,
      sign: creds,
    });
    expect(admin.status).toBe(200);
    expect(admin.json()).toEqual({ throttleTps: null, errorRate: 1, latencyMs: 150 });
  });

  it("refuses impossible settings", async () => {
    await expect(running.control.setFaults({ errorRate: 2 })).rejects.toMatchObject({ name: "ValidationException" });
  });
});

describe("the admin path /_wmctl/", () => {
  const admin = (method: string, route: string, body?: unknown, sign = true) =>
    raw(running.endpoint, {
      method,
      path: `/_wmctl/${route}`,
      contentType: body === undefined ? null : "application/json",
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(sign ? { sign: creds } : {}),
    });

  it("needs a signature like the API", async () => {
    const r = await admin("GET", "status", undefined, false);
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ __type: "MissingAuthenticationTokenException" });
  });

  it("advances the clock, sets lifecycles and faults, resets, in plain JSON", async () => {
    const before = Date.parse((await admin("GET", "now")).json<{ now: string }>().now);
    const moved = (await admin("POST", "advance", { duration: "25h" })).json<{ now: string }>();
    expect(Date.parse(moved.now) - before).toBeGreaterThanOrEqual(25 * 3600_000);
    expect((await admin("POST", "advance", { seconds: 60 })).status).toBe(200);
    expect((await admin("POST", "lifecycle", { organizationCreateSeconds: 90 })).json()).toMatchObject({
      organizationCreateSeconds: 90,
    });
    expect((await admin("POST", "faults", { latencyMs: 1 })).json()).toEqual({
      throttleTps: null,
      errorRate: 0,
      latencyMs: 1,
    });
    const status = (await admin("GET", "status")).json<{
      clockOffsetMs: number;
      server: { endpoint: string; auth: boolean };
    }>();
    expect(status.clockOffsetMs).toBeGreaterThanOrEqual(25 * 3600_000 + 60_000);
    expect(status.server).toMatchObject({ endpoint: running.endpoint, auth: true });
    expect((await admin("POST", "reset")).status).toBe(200);
    expect((await admin("GET", "status")).json()).toMatchObject({
      clockOffsetMs: 0,
      lifecycle: { organizationCreateSeconds: 0 },
    });
  });

  it("takes and restores snapshots", async () => {
    await call("CreateOrganization", { Alias: "kept" });
    expect((await admin("POST", "snapshot", { name: "one" })).json()).toMatchObject({ name: "one" });
    expect((await admin("POST", "snapshot", { name: "one" })).status).toBe(409);
    await call("CreateOrganization", { Alias: "dropped" });
    expect((await admin("POST", "restore", { name: "one" })).status).toBe(200);
    const orgs = (await call("ListOrganizations", {})).json<{ OrganizationSummaries: { Alias: string }[] }>();
    expect(orgs.OrganizationSummaries.map((o) => o.Alias)).toEqual(["kept"]);
    expect((await admin("POST", "restore", { name: "nope" })).json()).toMatchObject({
      __type: "ResourceNotFoundException",
    });
    expect((await admin("GET", "snapshots")).json<unknown[]>().length).toBeGreaterThanOrEqual(1);
  });

  it("refuses malformed bodies and unknown settings with ValidationException, never a 500", async () => {
    const faults = await admin("POST", "faults", { latency: 5 });
    expect([faults.status, faults.json()]).toEqual([
      400,
      {
        __type: "ValidationException",
        message: 'unknown fault setting "latency"; known: throttleTps, errorRate, latencyMs',
      },
    ]);
    expect((await admin("GET", "faults")).json()).toEqual({ throttleTps: null, errorRate: 0, latencyMs: 0 });
    for (const body of [{ args: "x" }, "not json"]) {
      const r = await raw(running.endpoint, {
        method: "POST",
        path: "/_wmctl/control/now",
        contentType: "application/json",
        body: typeof body === "string" ? body : JSON.stringify(body),
        sign: creds,
      });
      expect([r.status, r.json()]).toEqual([
        400,
        { __type: "ValidationException", message: 'the request body must be {"args": [...]}' },
      ]);
    }
  });

  it("answers an unknown route with 404 and the list of routes", async () => {
    const r = await admin("GET", "nope");
    expect(r.status).toBe(404);
    expect(r.json<{ message: string }>().message).toContain("POST /_wmctl/advance");
    expect((await admin("POST", "control/constructor", { args: [] })).status).toBe(404);
  });
});

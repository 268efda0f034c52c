import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningSimulator, ServeOptions } from "../../src/backend/simulator-server.js";
import { serveSimulator } from "../../src/local-backend/http/simulator-server.js";
import { raw } from "./raw-http.js";

/** The served simulator against web pages, DNS rebinding and memory exhaustion. */
const started: { dir: string; running: RunningSimulator }[] = [];

async function serve(options: Partial<ServeOptions> = {}): Promise<RunningSimulator> {
  const dir = mkdtempSync(join(tmpdir(), "wmctl-wire-hard-"));
  const running = await serveSimulator({
    dataDir: dir,
    region: "us-east-1",
    host: "127.0.0.1",
    port: 0,
    auth: false,
    faults: {},
    ...options,
  });
  started.push({ dir, running });
  return running;
}
afterEach(async () => {
  for (const { dir, running } of started.splice(0)) {
    await running.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

const advance = (endpoint: string, headers: Record<string, string>, contentType = "text/plain") =>
  raw(endpoint, { path: "/_wmctl/advance", body: JSON.stringify({ duration: "25h" }), contentType, headers });

/** Sends the headers and `sent` bytes of a body declared as `declared` bytes; resolves with the first answer. */
function partial(
  endpoint: string,
  path: string,
  declared: number,
  sent: number,
  headers: Record<string, string> = {},
): { answer: Promise<string>; finish(): void } {
  const url = new URL(endpoint);
  const socket = connect(Number(url.port), url.hostname);
  const lines = [
    `POST ${path} HTTP/1.1`,
    `Host: ${url.host}`,
    "Content-Type: application/x-amz-json-1.1",
    `Content-Length: ${declared}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  socket.write(Buffer.alloc(sent, 0x20));
  let text = "";
  const answer = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within 5 s (got ${JSON.stringify(text)})`)), 5000);
    socket.on("data", (d: Buffer) => {
      text += d.toString("utf8");
      if (/\r\n\r\n[\s\S]*\}/.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    socket.on("error", () => undefined);
  });
  return { answer, finish: () => socket.destroy() };
}

describe("--no-auth and web browsers", () => {
  it("refuses a Host that is not the simulator's (DNS rebinding), before acting", async () => {
    const sim = await serve();
    const before = await sim.control.now();
    const r = await advance(sim.endpoint, { host: `evil.example:${new URL(sim.endpoint).port}` }, "application/json");
    expect(r.status).toBe(403);
    expect(r.json()).toMatchObject({ __type: "AccessDeniedException" });
    expect(r.json<{ message: string }>().message).toContain("evil.example");
    expect((await sim.control.now()).getTime() - before.getTime()).toBeLessThan(60_000);
    // The simulator's own names still work.
    for (const host of [new URL(sim.endpoint).host, `localhost:${new URL(sim.endpoint).port}`]) {
      expect(
        (await raw(sim.endpoint, { method: "GET", path: "/_wmctl/now", contentType: null, headers: { host } })).status,
      ).toBe(200);
    }
  });

  it("refuses a cross-origin text/plain POST from a web page: the clock does not move", async () => {
    const sim = await serve();
    const before = await sim.control.now();
    const r = await advance(sim.endpoint, { origin: "http://evil.example" });
    expect(r.status).toBe(403);
    expect(r.headers["access-control-allow-origin"]).toBeUndefined();
    expect(r.json<{ message: string }>().message).toContain("--cors-origin");
    expect((await sim.control.now()).getTime() - before.getTime()).toBeLessThan(60_000);
    const reset = await raw(sim.endpoint, {
      path: "/_wmctl/reset",
      contentType: "text/plain",
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(reset.status).toBe(403);
    const preflight = await raw(sim.endpoint, {
      method: "OPTIONS",
      contentType: null,
      headers: { origin: "http://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("lets the origins --cors-origin names in, and no other", async () => {
    const sim = await serve({ corsOrigins: ["http://app.test:3000"] });
    const ok = await raw(sim.endpoint, {
      method: "GET",
      path: "/_wmctl/now",
      contentType: null,
      headers: { origin: "http://app.test:3000" },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers["access-control-allow-origin"]).toBe("http://app.test:3000");
    const preflight = await raw(sim.endpoint, {
      method: "OPTIONS",
      contentType: null,
      headers: { origin: "http://app.test:3000", "access-control-request-method": "POST" },
    });
    expect([preflight.status, preflight.headers["access-control-allow-origin"]]).toEqual([200, "http://app.test:3000"]);
    expect((await advance(sim.endpoint, { origin: "http://app.test:3001" })).status).toBe(403);
  });

  it("never serves the store's secret key without authentication", async () => {
    const sim = await serve();
    const secret = (await sim.control.credentials()).secretAccessKey;
    const r = await raw(sim.endpoint, {
      path: "/_wmctl/control/credentials",
      body: JSON.stringify({ args: [] }),
      contentType: "application/json",
    });
    expect(r.status).toBe(403);
    expect(r.text).not.toContain(secret);
    expect(r.json<{ message: string }>().message).toContain("wmctl local credentials");
  });

  it("with signatures, answers any origin with CORS * as AWS does", async () => {
    const sim = await serve({ auth: true });
    const r = await raw(sim.endpoint, {
      target: "WorkMailService.ListOrganizations",
      body: "{}",
      headers: { origin: "http://any.example" },
    });
    expect(r.status).toBe(400);
    expect(r.headers["access-control-allow-origin"]).toBe("*");
  });
});

describe("bodies, authentication and memory", () => {
  it("answers an unsigned 120 MB POST from its headers, without waiting for the body", async () => {
    const sim = await serve({ auth: true });
    const p = partial(sim.endpoint, "/", 120_000_000, 1024, { "X-Amz-Target": "WorkMailService.ListOrganizations" });
    try {
      const text = await p.answer;
      expect(text).toMatch(/^HTTP\/1\.1 400/);
      expect(text).toContain("MissingAuthenticationTokenException");
    } finally {
      p.finish();
    }
    const admin = partial(sim.endpoint, "/_wmctl/control/deliver", 120_000_000, 1024);
    try {
      expect(await admin.answer).toContain("MissingAuthenticationTokenException");
    } finally {
      admin.finish();
    }
    expect((await sim.control.status()).server?.requests.unauthenticated).toBeGreaterThanOrEqual(2);
  });

  it("answers Expect: 100-continue with the refusal instead of 100 when the body would be refused", async () => {
    const sim = await serve({ auth: true });
    const big = partial(sim.endpoint, "/", 9 * 1024 * 1024, 0, {
      Expect: "100-continue",
      "X-Amz-Target": "WorkMailService.ListOrganizations",
    });
    try {
      const text = await big.answer;
      expect(text).toMatch(/^HTTP\/1\.1 400 /);
      expect(text).not.toContain("100 Continue");
      expect(text).toContain("MissingAuthenticationTokenException");
    } finally {
      big.finish();
    }
    const open = await serve({ auth: false });
    const tooLarge = partial(open.endpoint, "/", 9 * 1024 * 1024, 0, {
      Expect: "100-continue",
      "X-Amz-Target": "WorkMailService.ListOrganizations",
    });
    try {
      expect(await tooLarge.answer).toMatch(/^HTTP\/1\.1 413 /);
    } finally {
      tooLarge.finish();
    }
    // A body that will be read gets its 100 Continue first.
    const url = new URL(open.endpoint);
    const socket = connect(Number(url.port), url.hostname);
    const first = await new Promise<string>((resolve) => {
      socket.once("data", (d: Buffer) => resolve(d.toString("utf8")));
      socket.write(
        `POST / HTTP/1.1\r\nHost: ${url.host}\r\nX-Amz-Target: WorkMailService.ListOrganizations\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n`,
      );
    });
    socket.destroy();
    expect(first).toMatch(/^HTTP\/1\.1 100 Continue/);
  });

  it("picks the admin limit by path, never by the query string", async () => {
    const sim = await serve({ bodyLimits: { body: 64 * 1024 } });
    const body = JSON.stringify({ args: [], pad: "x".repeat(100 * 1024) });
    const byQuery = await raw(sim.endpoint, {
      path: "/?next=/_wmctl/control/deliver",
      target: "WorkMailService.ListOrganizations",
      body,
    });
    expect(byQuery.status).toBe(413);
    const otherAdmin = await raw(sim.endpoint, { path: "/_wmctl/advance", body, contentType: "application/json" });
    expect(otherAdmin.status).toBe(413);
    const deliver = await raw(sim.endpoint, { path: "/_wmctl/control/deliver", body, contentType: "application/json" });
    expect(deliver.status).not.toBe(413);
  });

  it("caps the memory all bodies in flight hold: beyond it, 503 and the server keeps answering", async () => {
    const sim = await serve({ bodyLimits: { buffered: 1024 * 1024 } });
    const first = partial(sim.endpoint, "/_wmctl/control/deliver", 900 * 1024, 800 * 1024);
    await new Promise((r) => setTimeout(r, 200));
    const second = partial(sim.endpoint, "/_wmctl/control/deliver", 900 * 1024, 800 * 1024);
    try {
      const text = await second.answer;
      expect(text).toMatch(/^HTTP\/1\.1 503/);
      expect(text).toContain("ServiceUnavailableException");
    } finally {
      first.finish();
      second.finish();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect((await raw(sim.endpoint, { method: "GET", path: "/_wmctl/now", contentType: null })).status).toBe(200);
  });
});

// Requests per second and p50/p99 latency of DescribeUser and ListUsers over HTTP: 16 concurrent
// keep-alive clients on loopback against a spawned `wmctl local serve` (SigV4 on), 1,000 users.
// Usage: npm run build && node bench/wire-throughput.mjs [seconds-per-operation=5] [concurrency=16]
import { Agent, request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signRequest } from "../dist/local-backend/http/sigv4.js";
import { LocalBackend } from "../dist/local-backend/local-backend.js";
import { simulatorCredentials } from "../dist/local-backend/credentials.js";
import { seed } from "./seed.mjs";
import { serve } from "./serve.mjs";

const seconds = Number(process.argv[2] ?? 5);
const concurrency = Number(process.argv[3] ?? 16);
const home = mkdtempSync(join(tmpdir(), "wmctl-bench-"));
const { org, ids } = await seed(home, 1000);
const b = await LocalBackend.open({ dir: home, region: "us-east-1" });
const creds = simulatorCredentials(b.db);
b.close();
const server = await serve(home);
const url = new URL(server.endpoint);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function send(target, payload) {
  const body = Buffer.from(JSON.stringify(payload));
  const headers = {
    host: url.host,
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": `WorkMailService.${target}`,
  };
  Object.assign(
    headers,
    signRequest({ method: "POST", url: "/", headers, body }, creds, { region: "us-east-1", service: "workmail" }),
  );
  headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: "/", method: "POST", headers, agent }, (res) => {
      let n = 0;
      res.on("data", (c) => (n += c.length));
      res.on("end", () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function measure(name, makePayload) {
  for (let i = 0; i < 200; i++) await send(name, makePayload(i)); // warm up
  const latencies = [];
  let count = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await send(name, makePayload(count++ + w));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(2);
  console.log(
    `${name.padEnd(12)} ${(latencies.length / elapsed).toFixed(0).padStart(6)} req/s   p50 ${q(0.5)} ms   p99 ${q(0.99)} ms   (${latencies.length} requests, ${concurrency} keep-alive clients, ${seconds}s)`,
  );
}

try {
  console.log(`node ${process.version}, ${ids.length} users, endpoint ${server.endpoint} (SigV4 on)`);
  await measure("DescribeUser", (i) => ({ OrganizationId: org, UserId: ids[i % ids.length] }));
  await measure("ListUsers", () => ({ OrganizationId: org, MaxResults: 100 }));
} finally {
  await server.stop();
  agent.destroy();
  rmSync(home, { recursive: true, force: true });
}

// A spawned `wmctl local serve` under hostile input (issue 10 items 1, 2, 4): the API's latency while
// DNS is flooded with hostile packets, a body over 8 MiB, and the server's peak RSS while 6 clients
// POST 120 MB unsigned bodies at once. Prints figures; asserts nothing.
//   node bench/hostile-serve.mjs [packets=2000]
import { spawnSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { Resolver } from "node:dns/promises";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./serve.mjs";

const PACKETS = Number(process.argv[2] ?? 2000);
const BIN = fileURLToPath(new URL("../bin/wmctl.js", import.meta.url));
const home = mkdtempSync(join(tmpdir(), "wmctl-bench-hostile-"));
const server = await serve(home);
const status = JSON.parse(
  spawnSync(process.execPath, [BIN, "local", "status", "-o", "json"], {
    env: { ...process.env, WMCTL_HOME: home },
    encoding: "utf8",
  }).stdout,
);
const dnsPort = Number(
  new URL(
    status.listeners
      .find((l) => l.startsWith("dns="))
      .slice(4)
      .replace(/^dns:/, "http:"),
  ).port,
);
const peakRss = () =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

function post(bytes, headers = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request(
      server.endpoint,
      {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": "WorkMailService.ListOrganizations",
          "content-length": String(bytes),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      },
    );
    req.on("error", (e) => resolve({ error: e.code, ms: performance.now() - started }));
    const chunk = Buffer.alloc(Math.min(bytes, 1 << 20), 0x20);
    chunk.write("{}");
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))].toFixed(1);

// 1. API latency at rest.
const rest = [];
for (let i = 0; i < 200; i++) rest.push((await post(2)).ms);
console.log(`API at rest: p50 ${pct(rest, 50)} ms, p99 ${pct(rest, 99)} ms (200 unsigned calls, answered 400)`);

// 2. The same while PACKETS hostile packets arrive (half 0xFFFF-count headers, half random bytes).
const socket = createSocket("udp4");
await new Promise((r) => socket.bind(0, "127.0.0.1", r));
const hostile = Buffer.from([0x12, 0x34, 0x01, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
let flooding = true;
const flood = (async () => {
  const started = performance.now();
  for (let i = 0; i < PACKETS; i += 100) {
    await Promise.all(
      Array.from(
        { length: 100 },
        (_, j) =>
          new Promise((r) =>
            socket.send(
              j % 2
                ? hostile
                : Buffer.from(Array.from({ length: 12 + (j % 64) }, () => Math.floor(Math.random() * 256))),
              dnsPort,
              "127.0.0.1",
              r,
            ),
          ),
      ),
    );
    await new Promise((r) => setImmediate(r));
  }
  flooding = false;
  return performance.now() - started;
})();
const under = [];
while (flooding) under.push((await post(2)).ms);
const floodMs = await flood;
for (let i = 0; i < 20; i++) under.push((await post(2)).ms);
socket.close();
const resolver = new Resolver({ timeout: 2000, tries: 1 });
resolver.setServers([`127.0.0.1:${dnsPort}`]);
const q0 = performance.now();
const answer = await resolver.resolve4("autodiscover.mail.us-east-1.awsapps.com").catch((e) => e.code);
console.log(
  `${PACKETS} hostile DNS packets in ${floodMs.toFixed(0)} ms: API p50 ${pct(under, 50)} ms, p99 ${pct(under, 99)} ms, max ${Math.max(...under).toFixed(1)} ms over ${under.length} calls; then a real DNS query answered ${JSON.stringify(answer)} in ${(performance.now() - q0).toFixed(1)} ms`,
);

// 3. A body over 8 MiB (unsigned: refused from its headers) and the server still up.
const big = await post(8 * 1024 * 1024 + 1);
console.log(
  `8 MiB + 1 byte unsigned: ${big.status ?? big.error} in ${big.ms.toFixed(0)} ms; the server then answers: ${(await post(2)).status}`,
);

// 4. Six parallel unsigned 120 MB POSTs: the server's peak RSS.
const before = peakRss();
const six = await Promise.all(Array.from({ length: 6 }, () => post(120_000_000)));
console.log(
  `6 x 120 MB unsigned POSTs: ${six.map((r) => r.status ?? r.error).join(",")}, slowest ${Math.max(...six.map((r) => r.ms)).toFixed(0)} ms; server peak RSS ${before.toFixed(0)} -> ${peakRss().toFixed(0)} MB`,
);

await server.stop();
rmSync(home, { recursive: true, force: true });

#!/usr/bin/env node
// Benchmark: a full `wmctl domain verify` against the simulator's DNS server, versus the same DNS
// questions asked one after another with dig (what an admin does by hand). Run after a build:
//   npm run build && node bench/domain-verify.mjs [rounds] [latency-ms]
// Needs dig (apt-get install -y dnsutils) for the comparison; prints both figures.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = new URL("../dist/", import.meta.url);
const { LocalBackend } = await import(new URL("local-backend/index.js", dist).href);
const { LocalHostedZones } = await import(new URL("local-backend/route53/local-hosted-zones.js", dist).href);
const { startDnsServer } = await import(new URL("local-backend/dns/server.js", dist).href);
const { quoteTxt } = await import(new URL("dns-verify/presentation.js", dist).href);
const { verifyMailDomain } = await import(new URL("dns-verify/verify-domain.js", dist).href);
const { WireResolver } = await import(new URL("dns-verify/wire-resolver.js", dist).href);

const rounds = Number(process.argv[2] ?? 10);
// A simulated distance to the name server (ms per answer), as with a real one across the internet.
const latencyMs = Number(process.argv[3] ?? 0);
const bin = fileURLToPath(new URL("../bin/wmctl.js", import.meta.url));
const home = mkdtempSync(join(tmpdir(), "wmctl-bench-"));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
// The DNS server runs in this process: children must be awaited, never run synchronously.
const run = promisify(execFile);

execFileSync(process.execPath, [bin, "org", "create", "bench"], {
  env: { ...process.env, WMCTL_HOME: home },
  stdio: "ignore",
});
const backend = await LocalBackend.open({ dir: home, region: "us-east-1" });
const org = (await backend.listOrganizations({})).OrganizationSummaries[0].OrganizationId;
await backend.registerMailDomain({ OrganizationId: org, DomainName: "example.com" });
const { Records } = await backend.getMailDomain({ OrganizationId: org, DomainName: "example.com" });
const zones = new LocalHostedZones((fn) => backend.tx(fn));
const { HostedZone } = await zones.createHostedZone({ Name: "example.com", CallerReference: "bench" });
const merged = new Map();
for (const r of Records) {
  const key = `${r.Hostname}|${r.Type}`;
  merged.set(key, [...(merged.get(key) ?? []), r.Type === "TXT" ? quoteTxt(r.Value) : r.Value]);
}
await zones.changeResourceRecordSets({
  HostedZoneId: HostedZone.Id,
  ChangeBatch: {
    Changes: [...merged].map(([k, values]) => {
      const [Name, Type] = k.split("|");
      return {
        Action: "UPSERT",
        ResourceRecordSet: { Name, Type, TTL: 300, ResourceRecords: values.map((Value) => ({ Value })) },
      };
    }),
  },
});

const questions = [];
let record = false;
const dns = await startDnsServer({
  db: backend.db,
  advertise: true,
  latencyMs,
  onQuery: (q) => {
    if (record) questions.push([q.name, q.type]);
  },
});
const server = { host: "127.0.0.1", port: dns.port };
const d = await backend.getMailDomain({ OrganizationId: org, DomainName: "example.com" });
const verifyOnce = () =>
  verifyMailDomain({
    domain: "example.com",
    records: d.Records,
    service: { ownership: d.OwnershipVerificationStatus, dkim: d.DkimVerificationStatus },
    resolvers: [server],
  });

record = true;
const first = await verifyOnce();
record = false;
if (first.status !== "verified") throw new Error(`the bench domain does not verify: ${first.status}`);

const library = [];
for (let i = 0; i < rounds; i++) {
  const t0 = process.hrtime.bigint();
  await verifyOnce();
  library.push(ms(t0));
}
const cli = [];
for (let i = 0; i < rounds; i++) {
  const t0 = process.hrtime.bigint();
  await run(process.execPath, [bin, "domain", "verify", "example.com", "--skip-autodiscover"], {
    env: { ...process.env, WMCTL_HOME: home },
  });
  cli.push(ms(t0));
}
const sequential = [];
const resolver = new WireResolver();
for (let i = 0; i < rounds; i++) {
  const t0 = process.hrtime.bigint();
  for (const [name, type] of questions) await resolver.query(server, name, type);
  sequential.push(ms(t0));
}
const hasDig = spawnSync("dig", ["-v"]).status === 0;
const dig = [];
if (hasDig) {
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    for (const [name, type] of questions)
      await run("dig", ["@127.0.0.1", "-p", String(dns.port), "+short", "+tries=1", "+time=2", name, type]);
    dig.push(ms(t0));
  }
}
await dns.close();
backend.close();
rmSync(home, { recursive: true, force: true });

console.log(
  `node ${process.version}, ${rounds} rounds, ${questions.length} DNS questions per verify (${first.checks.length} records), server latency ${latencyMs} ms`,
);
console.log(`domain verify, library (in-process, all questions concurrent): median ${median(library).toFixed(1)} ms`);
console.log(`the same questions one after another, in-process:            median ${median(sequential).toFixed(1)} ms`);
console.log(`wmctl domain verify (CLI process, startup included):          median ${median(cli).toFixed(1)} ms`);
const bare = [];
for (let i = 0; i < rounds; i++) {
  const t0 = process.hrtime.bigint();
  await run(process.execPath, ["-e", "0"]);
  bare.push(ms(t0));
}
console.log(`(node -e 0 on this machine:                                   median ${median(bare).toFixed(1)} ms)`);
if (hasDig) {
  console.log(
    `the same ${questions.length} questions with dig, one after another:        median ${median(dig).toFixed(1)} ms`,
  );
  console.log(
    `CLI / dig: ${(median(cli) / median(dig)).toFixed(2)}   library / dig: ${(median(library) / median(dig)).toFixed(3)}`,
  );
} else {
  console.log("dig not found (apt-get install -y dnsutils): no comparison");
}

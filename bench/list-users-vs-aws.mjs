// `wmctl user list` (approximated by bench/list-users-client.mjs, the same SDK + paginate path, or
// the real command when it exists) vs `aws workmail list-users --endpoint-url` for the same 1,000
// users on one served simulator, same run: wall time of each whole process, median of N runs.
// Usage: npm run build && node bench/list-users-vs-aws.mjs [runs=5]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { simulatorCredentials } from "../dist/local-backend/credentials.js";
import { LocalBackend } from "../dist/local-backend/local-backend.js";
import { seed } from "./seed.mjs";
import { serve } from "./serve.mjs";

const runs = Number(process.argv[2] ?? 5);
const home = mkdtempSync(join(tmpdir(), "wmctl-bench-"));
const clientHome = mkdtempSync(join(tmpdir(), "wmctl-bench-client-"));
const { org } = await seed(home, 1000);
const b = await LocalBackend.open({ dir: home, region: "us-east-1" });
const creds = simulatorCredentials(b.db);
b.close();
const server = await serve(home);
const env = {
  PATH: process.env.PATH,
  HOME: clientHome,
  WMCTL_HOME: clientHome,
  AWS_ACCESS_KEY_ID: creds.accessKeyId,
  AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
  AWS_REGION: "us-east-1",
  AWS_DEFAULT_REGION: "us-east-1",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_CONFIG_FILE: join(clientHome, "config"),
  AWS_SHARED_CREDENTIALS_FILE: join(clientHome, "credentials"),
};
const BIN = fileURLToPath(new URL("../bin/wmctl.js", import.meta.url));
const CLIENT = fileURLToPath(new URL("./list-users-client.mjs", import.meta.url));
const hasUserList = spawnSync(process.execPath, [BIN, "help", "user", "list"], { env }).status === 0;

function time(cmd, args, count) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}\n${r.stderr}`);
    const n = count(r.stdout);
    if (n !== 1000) throw new Error(`${cmd}: listed ${n} users, expected 1000`);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0] };
}

try {
  const lines = (s) => s.trimEnd().split("\n").length;
  const wm = hasUserList
    ? {
        label: "wmctl user list",
        ...time(process.execPath, [BIN, "--endpoint-url", server.endpoint, "--org", org, "user", "list"], lines),
      }
    : {
        label: "wmctl's SDK path (list-users-client.mjs)",
        ...time(process.execPath, [CLIENT, server.endpoint, org], lines),
      };
  const aws = {
    label: "aws workmail list-users",
    ...time(
      "aws",
      ["workmail", "list-users", "--organization-id", org, "--endpoint-url", server.endpoint, "--output", "json"],
      (s) => JSON.parse(s).Users.length,
    ),
  };
  console.log(
    `1,000 users, ${runs} runs each, endpoint ${server.endpoint}${hasUserList ? "" : " (no `user list` on this branch: measured the same SDK + paginate path)"}`,
  );
  for (const r of [wm, aws])
    console.log(
      `${r.label.padEnd(42)} median ${r.median.toFixed(0).padStart(5)} ms   best ${r.min.toFixed(0).padStart(5)} ms`,
    );
  console.log(`ratio (aws / wmctl): ${(aws.median / wm.median).toFixed(1)}x`);
} finally {
  await server.stop();
  rmSync(home, { recursive: true, force: true });
  rmSync(clientHome, { recursive: true, force: true });
}

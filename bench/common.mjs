// Shared bits of the benchmark scripts (plain Node ESM: run them after `npm run build`).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BIN = join(ROOT, "bin", "wmctl.js");
export const RSS_PROBE = join(ROOT, "bench", "rss-probe.mjs");

export function requireBuild() {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) {
    console.error("dist/ is missing: run `npm run build` first");
    process.exit(2);
  }
}

export function tempHome(prefix) {
  return mkdtempSync(join(tmpdir(), `wmctl-bench-${prefix}-`));
}

/** The simulator in-process, from the built dist/. */
export async function openSimulator(dir) {
  const { LocalBackend } = await import(join(ROOT, "dist", "local-backend", "index.js"));
  return LocalBackend.open({ dir, region: "us-east-1" });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs a command, returns wall milliseconds; fails loudly on a non-zero exit. stdout goes to /dev/null, or into a pipe. */
export function timed(cmd, args, env, stdout = "ignore") {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", stdout, "pipe"],
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
}

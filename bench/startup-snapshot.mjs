// Would a V8 startup snapshot (node --snapshot-blob, Node 20) bring `wmctl --help` near `node -e 0`?
// Builds the CLI core as one CommonJS file (commander and chalk inside, other packages external),
// makes a snapshot of it in a temporary folder, and times `--help` three ways, interleaved (medians):
// node -e 0, the shipped bundle (bin/wmctl.js), and node --snapshot-blob.
// Not shipped (see bench/README.md): an npm bin cannot pass --snapshot-blob to node, and the blob is
// tied to the exact node binary that built it.
// node bench/startup-snapshot.mjs [--runs 31]
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { arg, BIN, median, ROOT, requireBuild, tempHome } from "./common.mjs";

requireBuild();
const runs = arg("runs", 31);
const dir = tempHome("snapshot");
const { build } = await import(join(ROOT, "node_modules", "esbuild", "lib", "main.js"));
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const BUNDLED = new Set(["commander", "chalk"]);
const entry = join(dir, "entry.ts");
writeFileSync(
  entry,
  `import { main } from ${JSON.stringify(join(ROOT, "src", "cli", "main.ts"))};
import { startupSnapshot } from "node:v8";
startupSnapshot.setDeserializeMainFunction(async () => {
  process.exitCode = await main(process.argv.slice(2));
});
`,
);
await build({
  entryPoints: [entry],
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: Object.keys(pkg.dependencies)
    .filter((d) => !BUNDLED.has(d))
    .flatMap((d) => [d, `${d}/*`]),
  // import.meta.url as the shipped bundle would see it (program.ts reads ../../package.json from it).
  define: { "import.meta.url": JSON.stringify(pathToFileURL(join(ROOT, "dist", "bundle", "main.cjs")).href) },
  outfile: join(dir, "entry.cjs"),
  logLevel: "error",
});
const blob = join(dir, "wmctl.blob");
const made = spawnSync(process.execPath, ["--snapshot-blob", blob, "--build-snapshot", join(dir, "entry.cjs")], {
  cwd: dir,
  encoding: "utf8",
});
if (made.status !== 0) throw new Error(`--build-snapshot failed: ${made.stderr}`);

const cases = {
  "node -e 0": ["-e", "0"],
  "bundle --help": [BIN, "--help"],
  "snapshot --help": ["--snapshot-blob", blob, "wmctl", "--help"],
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i <= runs; i++) {
  for (const [name, args] of Object.entries(cases)) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
    const helpOk = name === "node -e 0" || r.stdout.toString().startsWith("Usage: wmctl");
    if (r.status !== 0 || !helpOk) throw new Error(`${name}: exit ${r.status}: ${r.stderr}`);
    if (i > 0) times[name].push(Number(process.hrtime.bigint() - t0) / 1e6); // run 0 warms the file cache
  }
}
const base = median(times["node -e 0"]);
console.log(
  `startup with a V8 snapshot, ${runs} runs each, interleaved (node ${process.version}); blob ${(statSync(blob).size / 1e6).toFixed(1)} MB`,
);
for (const [name, t] of Object.entries(times))
  console.log(`  ${name.padEnd(16)} median ${median(t).toFixed(1).padStart(6)} ms  ${(median(t) / base).toFixed(2)}x`);
rmSync(dir, { recursive: true, force: true });

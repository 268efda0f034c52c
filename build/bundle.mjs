// npm run bundle: esbuild, src/cli/main.ts -> dist/bundle/ (what bin/wmctl.js runs).
// - One entry chunk for the CLI core and lazy chunks per command and simulator area (code splitting
//   of the dynamic imports).
// - Native and large packages stay external and load on first use (better-sqlite3, the AWS SDK,
//   imapflow, ...); the small pure-JS ones every run needs (commander, chalk) are bundled in, so the
//   CommonJS loader never runs for them.
// - Node builtins come from process.getBuiltinModule instead of `import "node:fs"`: each builtin
//   imported as ESM gets a facade module built at startup (~6 ms over the core's imports).
//   commander's child_process (used only for executable subcommands, which wmctl has none of) is
//   loaded only if touched.
// - The service model goes in without its documentation strings (half its size; the simulator reads
//   only shapes, constraints and errors), so a local command parses less.
// - dist/bundle/ is emptied first, so chunks of earlier builds never pile up.
import { readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { build } from "esbuild";
import pkg from "../package.json" with { type: "json" };

const OUT = "dist/bundle";
const BUNDLED = new Set(["commander", "chalk"]);
const external = Object.keys(pkg.dependencies)
  .filter((d) => !BUNDLED.has(d))
  .flatMap((d) => [d, `${d}/*`]);
const builtins = new Set(builtinModules);

/** @type {import("esbuild").Plugin} */
const builtinsFromProcess = {
  name: "builtins-from-process",
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/0-9]+$/ }, (a) => {
      const name = a.path.replace(/^node:/, "");
      if (!builtins.has(name)) return undefined;
      // A dynamic import is lazy already; as a split chunk of a CommonJS module it would only have a default export.
      if (a.kind === "dynamic-import") return { path: `node:${name}`, external: true };
      const lazy = name === "child_process" && a.importer.includes("node_modules/commander/");
      return { path: `node:${name}`, namespace: lazy ? "builtin-lazy" : "builtin" };
    });
    b.onLoad({ filter: /.*/, namespace: "builtin" }, (a) => ({
      contents: `module.exports = process.getBuiltinModule(${JSON.stringify(a.path)});`,
      loader: "js",
    }));
    b.onLoad({ filter: /.*/, namespace: "builtin-lazy" }, (a) => ({
      contents: `module.exports = new Proxy({}, { get: (_, key) => process.getBuiltinModule(${JSON.stringify(a.path)})[key] });`,
      loader: "js",
    }));
  },
};

/** @type {import("esbuild").Plugin} */
const modelWithoutDocs = {
  name: "model-without-docs",
  setup(b) {
    b.onLoad({ filter: /workmail-2017-10-01\.service\.json$/ }, (a) => ({
      contents: JSON.stringify(JSON.parse(readFileSync(a.path, "utf8")), (k, v) => (k === "documentation" ? undefined : v)),
      loader: "json",
    }));
  },
};

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: ["src/cli/main.ts"],
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external,
  outdir: OUT,
  logLevel: "warning",
  plugins: [builtinsFromProcess, modelWithoutDocs],
});

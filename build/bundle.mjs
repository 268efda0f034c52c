// npm run bundle: esbuild, src/cli/main.ts -> dist/bundle/ (what bin/wmctl.js loads, with a V8 code
// cache: see bin/wmctl.js).
// - One entry file for the CLI core and lazy files per command and simulator area: esbuild splits the
//   ES module build at our dynamic imports, then each file is turned into a CommonJS module. Node 20
//   has no compile cache for ES modules, but a CommonJS file compiled through vm.Script can take V8's
//   cachedData, which skips parsing and compiling on every later run. A dynamic import of one of our
//   own files becomes __wmctlImport("./name.cjs"), which bin/wmctl.js serves from its loader.
// - Native and large packages stay external and load on first use (better-sqlite3, the AWS SDK,
//   imapflow, ...); bin/wmctl.js imports them natively, so ES-module-only ones still load. The
//   small pure-JS packages every run needs (commander, chalk) are bundled in, and so are ES-module-only
//   ones imported statically (p-limit), which a CommonJS file cannot require on Node 20.
// - Whitespace and syntax are minified (names are kept, so stacks and profiles stay readable).
// - commander's child_process (used only for executable subcommands, which wmctl has none of) loads
//   only if touched: it pulls in net and stream. chalk's terminal detection is left out
//   (build/no-supports-color.js): wmctl gives every Chalk its level.
// - The service model goes in without its documentation strings (half its size; the simulator reads
//   only shapes, constraints and errors).
// - dist/bundle/ is emptied first, so files of earlier builds never pile up.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { build, transform } from "esbuild";
import pkg from "../package.json" with { type: "json" };

const OUT = "dist/bundle";
const BUNDLED = new Set(["commander", "chalk", "p-limit"]);
const external = Object.keys(pkg.dependencies)
  .filter((d) => !BUNDLED.has(d))
  .flatMap((d) => [d, `${d}/*`]);

/** @type {import("esbuild").Plugin} */
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (a) =>
      a.importer.includes("node_modules/commander/") ? { path: "child_process", namespace: "builtin-lazy" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "builtin-lazy" }, () => ({
      contents: `module.exports = new Proxy({}, { get: (_, key) => require("node:child_process")[key] });`,
      loader: "js",
    }));
  },
};

/** @type {import("esbuild").Plugin} */
const noSupportsColor = {
  name: "no-supports-color",
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: new URL("./no-supports-color.js", import.meta.url).pathname }));
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

const split = await build({
  entryPoints: ["src/cli/main.ts"],
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external,
  outdir: OUT,
  write: false,
  metafile: true,
  logLevel: "warning",
  plugins: [lazyChildProcess, noSupportsColor, modelWithoutDocs],
});

const names = split.outputFiles.map((f) => basename(f.path));
const cjsName = (name) => name.replace(/\.js$/, ".cjs");
const DYNAMIC_IMPORT = /(?<![\w$.])import\("([^"]+)"\)/g;
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
for (const file of split.outputFiles) {
  let code = file.text;
  // Chunk names carry a content hash (chunk-4XG4VOC2.js): no other text of the bundle looks like this.
  for (const name of names) code = code.replaceAll(`"./${name}"`, `"./${cjsName(name)}"`);
  // Every dynamic import, ours and the packages', goes through bin/wmctl.js (__wmctlImport): a native
  // import() inside vm.Script code needs Node's experimental vm loader, which warns on every run. The
  // rewrite is checked against esbuild's own list of this file's dynamic imports.
  const meta = split.metafile.outputs[relative(process.cwd(), file.path)];
  const ours = (path) => (path.startsWith(`${OUT}/`) ? `./${cjsName(path.slice(OUT.length + 1))}` : path);
  const expected = new Set(meta.imports.filter((i) => i.kind === "dynamic-import").map((i) => ours(i.path)));
  const found = new Set();
  code = code.replace(DYNAMIC_IMPORT, (_, specifier) => {
    found.add(specifier);
    return `__wmctlImport(${JSON.stringify(specifier)})`;
  });
  const extra = [...found].find((p) => !expected.has(p));
  const missed = [...expected].find((p) => !found.has(p));
  if (extra || missed) {
    throw new Error(`${basename(file.path)}: dynamic import rewrite ${extra ? `took ${extra}, not an import` : `missed ${missed}`}`);
  }
  const cjs = await transform(code, {
    format: "cjs",
    platform: "node",
    target: "node20",
    minifyWhitespace: true,
    minifySyntax: true,
    // import.meta.url of a CommonJS file: its own URL (dist/bundle/ is as deep as src/cli/), computed
    // only in the files that use it.
    define: { "import.meta.url": "__wmctlUrl" },
    sourcefile: basename(file.path),
    logLevel: "warning",
  });
  const url = cjs.code.includes("__wmctlUrl") ? 'var __wmctlUrl=require("node:url").pathToFileURL(__filename).href;' : "";
  writeFileSync(join(OUT, cjsName(basename(file.path))), url + cjs.code);
}

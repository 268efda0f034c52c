#!/usr/bin/env node
// Starts wmctl: the CommonJS files of dist/bundle/ (npm run build), compiled with a V8 code cache.
// Node 20 has no compile cache for modules, so without one every run parses and compiles the CLI
// again. A file compiled through vm.Script can take V8's cachedData instead. This loader serves the
// bundle's files to each other (require("./chunk-X.cjs"), and __wmctlImport("./cmd-Y.cjs") for the lazy
// ones); everything else goes to Node's require and import (a native import() inside vm.Script code
// would need Node's experimental vm loader, so build/bundle.mjs routes them all through here).
// - The cache is one file: after a command finished, the cache of each bundle file that run compiled
//   and the cache lacked (or V8 rejected) is added, so it holds the functions those runs compiled and
//   grows with the commands used.
// - It sits beside the bundle, or in $XDG_CACHE_HOME/wmctl (~/.cache/wmctl) when the bundle's folder
//   is read-only. Its name carries the Node version and architecture; its first line the entry
//   file's size and mtime (every build rewrites it), so a rebuilt bundle never meets an old cache.
//   V8 rejects a cache made under other V8 flags itself, and what it rejects is written again.
// - Written to a temporary name and renamed, so parallel runs never leave a torn file.
// - NODE_DISABLE_COMPILE_CACHE=1 (Node 22's name for its own cache) turns it off.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { createRequire } = require("node:module");
const { pathToFileURL } = require("node:url");

const dir = path.join(__dirname, "..", "dist", "bundle");
const entry = path.join(dir, "main.cjs");
const nodeRequire = createRequire(entry);
const useCache = !process.env.NODE_DISABLE_COMPILE_CACHE;
const cacheName = `wmctl.${process.version}-${process.arch}.v8cache`;
// Never a shared folder such as /tmp: whoever can write the cache can run code as you.
const userCache = process.env.XDG_CACHE_HOME || path.join(require("node:os").homedir(), ".cache");
const cacheDirs = [dir, path.join(userCache, "wmctl")];
const { size, mtimeMs } = fs.statSync(entry);
const stamp = `${size} ${mtimeMs}`;

/** The cache file: its stamp line, a JSON line of [file name, length] pairs, then the V8 caches back to back. */
function readCache() {
  const entries = new Map();
  for (const cacheDir of useCache ? cacheDirs : []) {
    let data;
    try {
      data = fs.readFileSync(path.join(cacheDir, cacheName));
    } catch {
      continue;
    }
    const first = data.indexOf(10);
    const second = data.indexOf(10, first + 1);
    if (first < 0 || second < 0 || data.toString("latin1", 0, first) !== stamp) continue;
    try {
      let offset = second + 1;
      for (const [name, length] of JSON.parse(data.toString("utf8", first + 1, second))) {
        entries.set(name, data.subarray(offset, offset + length));
        offset += length;
      }
    } catch {
      entries.clear();
      continue;
    }
    break;
  }
  return entries;
}

function writeCache(entries) {
  const index = [...entries].map(([name, data]) => [name, data.length]);
  const data = Buffer.concat([Buffer.from(`${stamp}\n${JSON.stringify(index)}\n`), ...entries.values()]);
  for (const cacheDir of cacheDirs) {
    const temporary = path.join(cacheDir, `${cacheName}.${process.pid}.tmp`);
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      fs.writeFileSync(temporary, data);
      fs.renameSync(temporary, path.join(cacheDir, cacheName));
      return;
    } catch {
      fs.rmSync(temporary, { force: true });
    }
  }
}

const cache = readCache();
/** Bundle files compiled without a usable cache in this run. */
const uncached = new Map();
const loaded = new Map();

function load(name) {
  const known = loaded.get(name);
  if (known) return known.exports;
  const file = path.join(dir, name);
  const module = { exports: {} };
  loaded.set(name, module);
  const source = fs.readFileSync(file, "utf8");
  const cachedData = cache.get(name);
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, __wmctlImport, __wmctlUrl) {${source}\n})`,
    { filename: file, cachedData },
  );
  if (cachedData === undefined || script.cachedDataRejected) uncached.set(name, script);
  script.runInThisContext()(module.exports, bundleRequire, module, file, dir, bundleImport, pathToFileURL(file).href);
  return module.exports;
}

function bundleRequire(specifier) {
  return specifier.startsWith("./") ? load(specifier.slice(2)) : nodeRequire(specifier);
}

/** Every import() of the bundle: its own files from this loader, packages and builtins natively. */
function bundleImport(specifier) {
  return specifier.startsWith("./") ? new Promise((resolve) => resolve(load(specifier.slice(2)))) : import(specifier);
}

load("main.cjs")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
    if (!useCache || uncached.size === 0) return;
    for (const [name, script] of uncached) cache.set(name, script.createCachedData());
    writeCache(cache);
  });

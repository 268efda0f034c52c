#!/usr/bin/env node
// Starts wmctl: the CommonJS files of dist/bundle/ (npm run build), compiled with a V8 code cache.
// Node 20 has no compile cache for modules, so without one every run parses and compiles the CLI
// again. A file compiled through vm.Script can take V8's cachedData instead. This loader serves the
// bundle's files to each other (require("./chunk-X.cjs"), and __wmctlImport("./cmd-Y.cjs") for the lazy
// ones); everything else goes to Node's require and import (a native import() inside vm.Script code
// would need Node's experimental vm loader, so build/bundle.mjs routes them all through here).
// - The cache is one file: after a command finished, the cache of each bundle file that run compiled
//   and the cache lacked (or V8 rejected) is added, so it holds the functions those runs compiled and
//   grows with the commands used. A run reads only the entries of the files it loads.
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

const dir = path.join(__dirname, "..", "dist", "bundle");
const entry = path.join(dir, "main.cjs");
const nodeRequire = createRequire(entry);
const useCache = !process.env.NODE_DISABLE_COMPILE_CACHE;
const cacheName = `wmctl.${process.version}-${process.arch}.v8cache`;
// Never a shared folder such as /tmp: whoever can write the cache can run code as you.
const userCache = process.env.XDG_CACHE_HOME || path.join(require("node:os").homedir(), ".cache");
const cacheDirs = [dir, path.join(userCache, "wmctl")];
const stamp = bundleStamp();

function bundleStamp() {
  try {
    const { size, mtimeMs } = fs.statSync(entry);
    return `${size} ${mtimeMs}`;
  } catch (e) {
    process.stderr.write(
      `error: wmctl is not built (${e.code ?? e.message}: ${entry})\nhint: run \`npm run build\` in ${path.dirname(__dirname)}\n`,
    );
    process.exit(1);
  }
}

/**
 * The cache file: its stamp line, a JSON line of [file name, offset, length] entries, then the V8
 * caches (offsets count from the end of that line). Opened once; an entry is read when its file is
 * loaded.
 */
function openCache() {
  for (const cacheDir of useCache ? cacheDirs : []) {
    let fd;
    try {
      fd = fs.openSync(path.join(cacheDir, cacheName), "r");
      let head = Buffer.alloc(0);
      let first = -1;
      let second = -1;
      while (second < 0) {
        const more = Buffer.allocUnsafe(16384);
        const read = fs.readSync(fd, more, 0, more.length, head.length);
        if (read === 0) break;
        head = Buffer.concat([head, more.subarray(0, read)]);
        first = head.indexOf(10);
        second = first < 0 ? -1 : head.indexOf(10, first + 1);
      }
      if (second > 0 && head.toString("latin1", 0, first) === stamp) {
        const index = JSON.parse(head.toString("utf8", first + 1, second));
        const start = second + 1;
        return {
          fd,
          entries: new Map(index.map(([name, offset, bytes]) => [name, { offset: start + offset, bytes }])),
        };
      }
    } catch {
      // missing or unreadable: try the next folder
    }
    if (fd !== undefined) fs.closeSync(fd);
  }
  return { fd: undefined, entries: new Map() };
}

function readEntry(name) {
  const found = cache.entries.get(name);
  if (found === undefined) return undefined;
  const data = Buffer.allocUnsafe(found.bytes);
  return fs.readSync(cache.fd, data, 0, found.bytes, found.offset) === found.bytes ? data : undefined;
}

/** The old file's entries this run did not replace, and the new ones. */
function writeCache() {
  const caches = new Map();
  for (const name of cache.entries.keys()) {
    const data = uncached.has(name) ? undefined : readEntry(name);
    if (data !== undefined) caches.set(name, data);
  }
  for (const [name, script] of uncached) caches.set(name, script.createCachedData());
  let offset = 0;
  const index = [...caches].map(([name, data]) => [name, (offset += data.length) - data.length, data.length]);
  const data = Buffer.concat([Buffer.from(`${stamp}\n${JSON.stringify(index)}\n`), ...caches.values()]);
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

const cache = openCache();
/** Bundle files compiled without a usable cache in this run. */
const uncached = new Map();
const loaded = new Map();

function load(name) {
  const known = loaded.get(name);
  if (known) return known.exports;
  const file = path.join(dir, name);
  const bundleModule = { exports: {} };
  loaded.set(name, bundleModule);
  const source = fs.readFileSync(file, "utf8");
  const cachedData = readEntry(name);
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, __wmctlImport) {${source}\n})`,
    { filename: file, cachedData },
  );
  if (cachedData === undefined || script.cachedDataRejected) uncached.set(name, script);
  script.runInThisContext()(bundleModule.exports, bundleRequire, bundleModule, file, dir, bundleImport);
  return bundleModule.exports;
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
    if (useCache && uncached.size > 0) writeCache();
  });

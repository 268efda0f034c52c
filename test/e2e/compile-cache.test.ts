import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeEach, describe, expect, it } from "vitest";

// bin/wmctl.js compiles the bundle with a V8 code cache (the startup target of issue #13). Each test
// runs a copy of bin/ and dist/bundle/ in its own folder, so the cache it meets is its own.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CACHE = `wmctl.${process.version}-${process.arch}.v8cache`;
const work = mkdtempSync(join(tmpdir(), "wmctl-compile-cache-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let install: string;
let bundle: string;
let userCache: string;
let home: string;
let n = 0;
beforeEach(() => {
  install = join(work, `install-${n++}`);
  bundle = join(install, "dist", "bundle");
  mkdirSync(bundle, { recursive: true });
  cpSync(join(ROOT, "bin"), join(install, "bin"), { recursive: true });
  for (const f of readdirSync(join(ROOT, "dist", "bundle")).filter((f) => f.endsWith(".cjs"))) {
    cpSync(join(ROOT, "dist", "bundle", f), join(bundle, f));
  }
  cpSync(join(ROOT, "package.json"), join(install, "package.json"));
  symlinkSync(join(ROOT, "node_modules"), join(install, "node_modules"));
  userCache = join(install, "xdg-cache");
  home = join(install, "home");
});

function wmctl(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(install, "bin", "wmctl.js"), ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: home, WMCTL_HOME: home, XDG_CACHE_HOME: userCache, NO_COLOR: "1", ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The cache's index: its second line, [bundle file, offset after that line, length] each. */
function cacheIndex(path = join(bundle, CACHE)): { start: number; entries: [string, number, number][] } {
  const data = readFileSync(path);
  const second = data.indexOf(10, data.indexOf(10) + 1);
  const entries = JSON.parse(data.toString("utf8", data.indexOf(10) + 1, second)) as [string, number, number][];
  return { start: second + 1, entries };
}

/** The bundle files the cache holds. */
function cachedFiles(path = join(bundle, CACHE)): string[] {
  return cacheIndex(path).entries.map(([name]) => name);
}

/** Where one file's V8 cache sits in the cache file. */
function entryRange(name: string): [number, number] {
  const { start, entries } = cacheIndex();
  const [, offset, length] = entries.find(([n]) => n === name) ?? [name, -1, 0];
  expect(offset, `${name} in the cache`).toBeGreaterThanOrEqual(0);
  return [start + offset, start + offset + length];
}

describe("the start-up code cache (bin/wmctl.js)", () => {
  it("is written beside the bundle by the first run, then read without being written again", () => {
    const first = wmctl(["--help"]);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe("");
    expect(cachedFiles()).toContain("main.cjs");
    const written = statSync(join(bundle, CACHE)).mtimeMs;

    const second = wmctl(["--help"]);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe("");
    expect(statSync(join(bundle, CACHE)).mtimeMs).toBe(written);
    expect(readdirSync(bundle).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("grows with the commands used: a command's own files are added after it ran", () => {
    expect(wmctl(["--help"]).code).toBe(0);
    const helpFiles = cachedFiles();
    const created = wmctl(["org", "create", "cache"]);
    expect(created.code, created.stderr).toBe(0);
    const afterCreate = cachedFiles();
    expect(afterCreate.length).toBeGreaterThan(helpFiles.length);
    expect(afterCreate).toEqual(expect.arrayContaining(helpFiles));
    // Served from the cache, the command still works (its lazy files and packages load as before).
    const listed = wmctl(["org", "list", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ alias: "cache" })]);
  });

  it("never uses a cache of another build: a rebuilt bundle gets a new one", () => {
    expect(wmctl(["--help"]).code).toBe(0);
    const stale = readFileSync(join(bundle, CACHE));
    const entry = join(bundle, "main.cjs");
    const later = new Date(statSync(entry).mtimeMs + 60_000);
    utimesSync(entry, later, later); // what every build does to main.cjs
    expect(wmctl(["--help"]).code).toBe(0);
    const fresh = readFileSync(join(bundle, CACHE));
    expect(fresh.equals(stale)).toBe(false);
    expect(fresh.toString("latin1").split("\n", 1)[0]).toBe(`${statSync(entry).size} ${statSync(entry).mtimeMs}`);
  });

  it("is written again when V8 rejects it (a damaged cache costs one slow start, not a failure)", () => {
    expect(wmctl(["--help"]).code).toBe(0);
    const path = join(bundle, CACHE);
    const [from, to] = entryRange("main.cjs");
    const good = readFileSync(path).subarray(from, to);
    const damaged = readFileSync(path);
    damaged.fill(0x55, from, from + 64); // main.cjs's V8 cache header: magic number and version hash
    writeFileSync(path, damaged);
    const r = wmctl(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: wmctl [options] [command]");
    const [again] = entryRange("main.cjs");
    // Its magic number, V8 version, source and flag hashes are back (what follows depends on the run).
    expect(
      readFileSync(path)
        .subarray(again, again + 16)
        .equals(good.subarray(0, 16)),
    ).toBe(true);
  });

  it("goes to $XDG_CACHE_HOME/wmctl when it cannot be written beside the bundle", () => {
    mkdirSync(join(bundle, CACHE)); // a folder in its place: the rename fails, as in a read-only install
    expect(wmctl(["--help"]).code).toBe(0);
    expect(cachedFiles(join(userCache, "wmctl", CACHE))).toContain("main.cjs");
    expect(readdirSync(bundle).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("is neither read nor written with NODE_DISABLE_COMPILE_CACHE=1", () => {
    const r = wmctl(["--help"], { NODE_DISABLE_COMPILE_CACHE: "1" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: wmctl [options] [command]");
    expect(existsSync(join(bundle, CACHE))).toBe(false);
    expect(existsSync(join(userCache, "wmctl", CACHE))).toBe(false);
  });

  it("an install whose bundle was never built says so in one line, with the way out", () => {
    rmSync(join(bundle, "main.cjs"));
    const r = wmctl(["--help"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `error: wmctl is not built (ENOENT: ${join(bundle, "main.cjs")})\nhint: run \`npm run build\` in ${install}\n`,
    );
  });
});

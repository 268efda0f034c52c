// Loaded with `node --import ./bench/rss-probe.mjs bin/wmctl.js ...`: prints the process's peak RSS
// (kilobytes) on fd 2 at exit as `peak-rss-kb=N`, so benchmarks can measure a child without extra tools.
import { writeSync } from "node:fs";

process.on("exit", () => {
  writeSync(2, `peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
});

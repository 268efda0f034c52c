// Spawns the built `wmctl local serve --port 0` on a store; resolves with its endpoint and a stop().
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../bin/wmctl.js", import.meta.url));

export function serve(home, args = []) {
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean); // e.g. --cpu-prof
  const child = spawn(
    process.execPath,
    [...nodeArgs, BIN, "local", "serve", "--port", "0", "--fields", "endpoint", ...args],
    {
      env: { ...process.env, WMCTL_HOME: home },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    child.on("exit", (code) => reject(new Error(`serve exited ${code}`)));
    child.stdout.setEncoding("utf8").on("data", (d) => {
      out += d;
      if (out.includes("\n")) {
        child.removeAllListeners("exit");
        resolve({
          endpoint: out.split("\n")[0].trim(),
          pid: child.pid,
          stop: () =>
            new Promise((r) => {
              child.on("exit", r);
              child.kill("SIGTERM");
            }),
        });
      }
    });
  });
}

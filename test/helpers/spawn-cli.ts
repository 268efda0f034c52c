import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../bin/wmctl.js", import.meta.url));

export interface SpawnResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a user would (node bin/wmctl.js ...); `npm test` builds dist first. */
export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Killed with SIGKILL after this long (the result's code is then 128). */
  timeoutMs?: number;
  /** Run as this user and group (the tests run as root: e.g. nobody, 65534, to meet a read-only store). */
  uid?: number;
  gid?: number;
  /** `ulimit -f` for the process (512- or 1024-byte blocks): writes past it fail with EFBIG, as on a full disk. */
  fileSizeLimitBlocks?: number;
}

export function spawnCli(args: readonly string[], options: SpawnOptions = {}): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const argv = [process.execPath, BIN, ...args];
    const [command, commandArgs] =
      options.fileSizeLimitBlocks === undefined
        ? [argv[0] as string, argv.slice(1)]
        : ["/bin/sh", ["-c", `ulimit -f ${options.fileSizeLimitBlocks} && exec "$@"`, "sh", ...argv]];
    const child = spawn(command, commandArgs, {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NO_COLOR: "1",
        AWS_EC2_METADATA_DISABLED: "true",
        ...options.env,
      },
      stdio: ["pipe", "pipe", "pipe"],
      ...(options.uid === undefined ? {} : { uid: options.uid }),
      ...(options.gid === undefined ? {} : { gid: options.gid }),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.end(options.stdin ?? "");
  });
}

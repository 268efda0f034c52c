import { spawn, type ChildProcess } from "node:child_process";
import { BIN } from "./spawn-cli.js";

export interface ServedProcess {
  readonly endpoint: string;
  readonly child: ChildProcess;
  stderr(): string;
  /** Sends SIGTERM and waits for the exit code. */
  stop(): Promise<{ code: number | null; stderr: string; stdout: string }>;
}

/**
 * Spawns the built `wmctl local serve --port 0` on a store and waits for the endpoint it prints
 * (`--fields endpoint`: one line on stdout).
 */
export function startServe(
  env: Record<string, string | undefined>,
  args: readonly string[] = [],
): Promise<ServedProcess> {
  const child = spawn(process.execPath, [BIN, "local", "serve", "--port", "0", "--fields", "endpoint", ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", AWS_EC2_METADATA_DISABLED: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`wmctl local serve printed no endpoint in 20 s\n${stderr}`));
    }, 20_000);
    const early = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`wmctl local serve exited ${code}\n${stderr}`));
    };
    child.on("exit", early);
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      const line = stdout.split("\n")[0];
      if (stdout.includes("\n") && line !== undefined && /^http:\/\//.test(line)) {
        clearTimeout(timer);
        child.off("exit", early);
        resolve({
          endpoint: line.trim(),
          child,
          stderr: () => stderr,
          stop: async () => {
            child.kill("SIGTERM");
            const code = await exited;
            return { code, stderr, stdout };
          },
        });
      }
    });
  });
}

/**
 * The environment of a client of a served simulator: its own WMCTL_HOME, and the simulator's keys
 * (`local credentials` on the server's store) as AWS credentials, with no ~/.aws files.
 */
export async function servedClientEnv(serverHome: string, clientHome: string): Promise<Record<string, string>> {
  const { spawnCli } = await import("./spawn-cli.js");
  const keys = JSON.parse(
    (await spawnCli(["local", "credentials", "-o", "json"], { env: { WMCTL_HOME: serverHome } })).stdout,
  ) as { accessKeyId: string; secretAccessKey: string; region: string };
  return {
    WMCTL_HOME: clientHome,
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    AWS_REGION: keys.region,
    AWS_CONFIG_FILE: `${clientHome}/aws-config`,
    AWS_SHARED_CREDENTIALS_FILE: `${clientHome}/aws-credentials`,
  };
}

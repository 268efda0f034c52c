import { spawn } from "node:child_process";
import { UsageError } from "../errors/cli-error.js";
import type { ImapAuth } from "./imap-server.js";

/** Where a login's secret comes from; the secret itself is never stored in the ledger, report or logs. */
export type CredentialSource =
  | { readonly kind: "password"; readonly password: string | undefined }
  | {
      readonly kind: "token-command";
      readonly command: string;
      readonly env: Readonly<Record<string, string | undefined>>;
    };

/**
 * The credentials of one login: the map's per-user password first, else the shared password
 * (--password-stdin / --password-file), or an XOAUTH2 access token printed by --token-command,
 * run with WMCTL_MIGRATE_USER set to the login.
 */
export async function credentialsFor(
  login: string,
  perUserPassword: string | undefined,
  source: CredentialSource,
): Promise<ImapAuth> {
  if (perUserPassword !== undefined) return { user: login, pass: perUserPassword };
  if (source.kind === "password") {
    if (source.password === undefined)
      throw new UsageError(
        `no password for ${login}: give --password-stdin, --password-file, a password column in the map, or --token-command`,
      );
    return { user: login, pass: source.password };
  }
  return { user: login, accessToken: await runTokenCommand(source.command, login, source.env) };
}

const TOKEN_TIMEOUT_MS = 60_000;

/** Runs the token command through the shell; its stdout (trimmed) is the token. Its stderr is not shown (it may hold secrets). */
export function runTokenCommand(
  command: string,
  login: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", command], {
      env: { ...env, WMCTL_MIGRATE_USER: login },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let errText = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (errText += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), TOKEN_TIMEOUT_MS);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`--token-command could not run: ${e.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const token = out.trim();
      if (code !== 0 || token === "") {
        const lines = errText.trim().split("\n").length;
        reject(
          new Error(
            `--token-command for ${login} ${signal !== null ? `was killed (${signal})` : code !== 0 ? `exited ${code}` : "printed no token"}${lines > 0 && errText.trim() !== "" ? ` (${lines} line${lines === 1 ? "" : "s"} on its stderr, not shown)` : ""}`,
          ),
        );
        return;
      }
      resolve(token);
    });
  });
}

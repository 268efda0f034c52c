import { CliError } from "./cli-error.js";
import { explainConstraint } from "./constraint-words.js";
import { ServiceError } from "./service-error.js";

/**
 * Turns anything thrown below the CLI (a simulator error, an SDK exception, a Node system error)
 * into a CliError with a one-line message. Unknown errors keep exit code 1.
 */
export function toCliError(e: unknown): CliError {
  if (CliError.is(e)) return e;
  if (e instanceof Error) {
    const anyErr = e as Error & {
      $fault?: string;
      $metadata?: { requestId?: string; httpStatusCode?: number };
      code?: string;
      syscall?: string;
      hint?: string;
    };
    // A service error: the simulator's and the SDK's both carry $fault; the SDK names it by the
    // service's error code.
    if (anyErr.$fault !== undefined || anyErr.name === "CredentialsProviderError") {
      const code = anyErr.name === "Error" ? "UnknownError" : anyErr.name;
      const raw = firstLine(anyErr.message || "(no message)");
      // A quoted regular expression helps nobody: say the rule in words.
      const message = (code === "ValidationException" ? explainConstraint(raw) : undefined) ?? raw;
      const requestId = anyErr.$metadata?.requestId;
      return new ServiceError(code, message, {
        ...(requestId === undefined ? {} : { requestId }),
        ...(anyErr.hint === undefined ? {} : { hint: anyErr.hint }),
        cause: e,
      });
    }
    if (typeof anyErr.code === "string" && anyErr.syscall !== undefined) {
      return new CliError(`${anyErr.code}: ${firstLine(anyErr.message)}`, { cause: e });
    }
    return new CliError(firstLine(e.message || e.name), { cause: e });
  }
  return new CliError(String(e));
}

function firstLine(s: string): string {
  const line = s.split("\n").find((l) => l.trim() !== "") ?? s;
  return line.trim();
}

import { CliError } from "./cli-error.js";
import { ExitCode } from "./exit-codes.js";
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
    // The simulator's store cannot be used as it is (empty, damaged, read-only): the message names
    // the file, the hint the way out.
    if (anyErr.name === "StoreError") {
      const readOnly = (e as { kind?: string }).kind === "read-only";
      return new CliError(firstLine(anyErr.message), {
        exitCode: readOnly ? ExitCode.Auth : ExitCode.Failure,
        ...(anyErr.hint === undefined ? {} : { hint: anyErr.hint }),
        cause: e,
      });
    }
    if (typeof anyErr.code === "string" && anyErr.syscall !== undefined) {
      // Node's own messages already start with the code ("ELOOP: too many symbolic links ..."): once.
      const message = firstLine(anyErr.message);
      return new CliError(message.startsWith(`${anyErr.code}:`) ? message : `${anyErr.code}: ${message}`, { cause: e });
    }
    return new CliError(firstLine(e.message || e.name), { cause: e });
  }
  return new CliError(String(e));
}

function firstLine(s: string): string {
  const line = s.split("\n").find((l) => l.trim() !== "") ?? s;
  return line.trim();
}

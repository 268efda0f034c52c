import { ExitCode } from "./exit-codes.js";

const BRAND = Symbol.for("wmctl.CliError");

/**
 * The one error family of wmctl. `src/cli/main.ts` turns it into a one-line message on stderr
 * (plus the hint) and the exit code; nothing under src/ calls process.exit.
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(message: string, options: { exitCode?: ExitCode; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CliError";
    this.exitCode = options.exitCode ?? ExitCode.Failure;
    this.hint = options.hint;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static is(x: unknown): x is CliError {
    return typeof x === "object" && x !== null && BRAND in x;
  }
}

/** Bad flag or argument, or a prompt that cannot be shown (exit 2). */
export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.Usage, ...(hint === undefined ? {} : { hint }) });
    this.name = "UsageError";
  }
}

/** Something the admin named does not exist (exit 5). */
export class NotFoundError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.NotFound, ...(hint === undefined ? {} : { hint }) });
    this.name = "NotFoundError";
  }
}

/** Already exists, in use, or in the wrong state (exit 6). */
export class ConflictError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.Conflict, ...(hint === undefined ? {} : { hint }) });
    this.name = "ConflictError";
  }
}

/** A check ran and found problems (exit 3). The report has already been printed. */
export class ChecksFailedError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.ChecksFailed, ...(hint === undefined ? {} : { hint }) });
    this.name = "ChecksFailedError";
  }
}

/** A --wait timed out while the thing was still pending (exit 8). */
export class PendingError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.Pending, ...(hint === undefined ? {} : { hint }) });
    this.name = "PendingError";
  }
}

/** The admin declined a confirmation or pressed Ctrl-C (exit 130). */
export class CancelledError extends CliError {
  constructor(message = "cancelled") {
    super(message, { exitCode: ExitCode.Cancelled });
    this.name = "CancelledError";
  }
}

/** Credentials, authentication or permission (exit 4). */
export class AuthError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.Auth, ...(hint === undefined ? {} : { hint }) });
    this.name = "AuthError";
  }
}

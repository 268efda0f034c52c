/** The exit codes of wmctl (DESIGN.md section 4). `wmctl help exit-codes` prints this table. */
export const ExitCode = {
  Ok: 0,
  Failure: 1,
  Usage: 2,
  ChecksFailed: 3,
  Auth: 4,
  NotFound: 5,
  Conflict: 6,
  Throttled: 7,
  Pending: 8,
  Cancelled: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODE_TABLE: ReadonlyArray<{ code: ExitCode; meaning: string }> = [
  { code: ExitCode.Ok, meaning: "success (an empty list is success)" },
  { code: ExitCode.Failure, meaning: "the operation failed (service error, I/O, unexpected)" },
  { code: ExitCode.Usage, meaning: "usage: bad flag, bad argument, prompt needed but no TTY and no --yes" },
  {
    code: ExitCode.ChecksFailed,
    meaning: "a check ran and found problems (domain verify, autodiscover check, export verify)",
  },
  { code: ExitCode.Auth, meaning: "credentials, authentication or permission" },
  { code: ExitCode.NotFound, meaning: "not found (entity, organization, domain, job)" },
  {
    code: ExitCode.Conflict,
    meaning: "conflict: already exists, name or address in use, wrong state for the operation",
  },
  { code: ExitCode.Throttled, meaning: "throttled or over a service limit after retries" },
  { code: ExitCode.Pending, meaning: "still pending when a --wait timed out" },
  { code: ExitCode.Cancelled, meaning: "cancelled by the user (declined confirmation, Ctrl-C)" },
];

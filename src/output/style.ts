import { Chalk, type ChalkInstance } from "chalk";

/** Colour decisions in one place: only on a TTY, never with NO_COLOR, --no-color or TERM=dumb. */
export function colorEnabled(
  isTTY: boolean,
  env: Readonly<Record<string, string | undefined>>,
  flag: boolean | undefined,
): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return isTTY;
}

export interface Style {
  readonly enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
  cyan(s: string): string;
  /** Colours a state-like value (ENABLED, VERIFIED, FAILED ...) by what it means. */
  state(s: string): string;
}

const GOOD = new Set(["ENABLED", "ACTIVE", "VERIFIED", "COMPLETED", "ALLOW", "PASS", "OK", "INSYNC", "TRUE"]);
const WAIT = new Set(["PENDING", "RUNNING", "CREATING", "REQUESTED", "WARN", "MISSING", "DISABLED"]);
const BAD = new Set([
  "DELETED",
  "FAILED",
  "CANCELLED",
  "DENY",
  "FAIL",
  "INCONSISTENT",
  "DELETING",
  "IMPAIRED",
  "INACTIVE",
]);

export function createStyle(enabled: boolean): Style {
  const c: ChalkInstance = new Chalk({ level: enabled ? 1 : 0 });
  return {
    enabled,
    bold: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    green: (s) => c.green(s),
    yellow: (s) => c.yellow(s),
    red: (s) => c.red(s),
    cyan: (s) => c.cyan(s),
    state(s) {
      const u = s.toUpperCase();
      if (GOOD.has(u)) return c.green(s);
      if (WAIT.has(u)) return c.yellow(s);
      if (BAD.has(u)) return c.red(s);
      return s;
    },
  };
}

import { homedir } from "node:os";
import { join } from "node:path";

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where wmctl keeps things. `WMCTL_HOME` puts everything (config.json, the simulator store, its
 * mailboxes and buckets) under one folder; otherwise the XDG base directories are used.
 */
export function configDir(env: Env): string {
  if (nonEmpty(env.WMCTL_HOME)) return env.WMCTL_HOME;
  const base = nonEmpty(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home(env), ".config");
  return join(base, "wmctl");
}

export function dataDir(env: Env): string {
  if (nonEmpty(env.WMCTL_HOME)) return env.WMCTL_HOME;
  const base = nonEmpty(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(home(env), ".local", "share");
  return join(base, "wmctl");
}

function home(env: Env): string {
  return nonEmpty(env.HOME) ? env.HOME : homedir();
}

function nonEmpty(s: string | undefined): s is string {
  return s !== undefined && s !== "";
}

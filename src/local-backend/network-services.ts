import type { Db } from "./store/database.js";
import { getMeta, setMeta } from "./store/meta.js";

/**
 * The simulator's network services that are running somewhere on this machine (started by
 * `wmctl local serve`), written into the store so that any wmctl process using the same store can
 * find them. Entries of processes that are gone are ignored and pruned.
 */
export type ServiceKind = "dns" | "autodiscover";

export interface ServiceEndpoint {
  readonly host: string;
  /** DNS: the UDP/TCP port. */
  readonly port?: number;
  /** AutoDiscover: the plain HTTP port (phase 3 redirect) and the HTTPS port. */
  readonly httpPort?: number;
  readonly httpsPort?: number;
  readonly pid: number;
  readonly startedAt: string;
}

const key = (kind: ServiceKind) => `services.${kind}`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function advertiseService(db: Db, kind: ServiceKind, endpoint: Omit<ServiceEndpoint, "pid" | "startedAt">): void {
  db.transaction(() => {
    const current = (getMeta<ServiceEndpoint[]>(db, key(kind)) ?? []).filter((e) => alive(e.pid));
    setMeta(db, key(kind), [{ ...endpoint, pid: process.pid, startedAt: new Date().toISOString() }, ...current]);
  }).immediate();
}

export function withdrawService(db: Db, kind: ServiceKind, endpoint: Omit<ServiceEndpoint, "pid" | "startedAt">): void {
  if (!db.open) return;
  db.transaction(() => {
    const current = getMeta<ServiceEndpoint[]>(db, key(kind)) ?? [];
    const rest = current.filter((e) => alive(e.pid) && !(e.pid === process.pid && e.host === endpoint.host && e.port === endpoint.port && e.httpsPort === endpoint.httpsPort));
    setMeta(db, key(kind), rest);
  }).immediate();
}

/** The running endpoints of a kind, most recently started first. */
export function runningServices(db: Db, kind: ServiceKind): ServiceEndpoint[] {
  return (getMeta<ServiceEndpoint[]>(db, key(kind)) ?? []).filter((e) => alive(e.pid));
}

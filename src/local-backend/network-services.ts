import type { Db } from "./store/database.js";
import { getMeta, setMeta } from "./store/meta.js";

/**
 * The simulator's network services that are running somewhere on this machine (started by
 * `wmctl local serve`), written into the store so that any wmctl process using the same store can
 * find them: `local credentials` and `local status` name the WorkMail endpoint, `domain verify` and
 * `autodiscover check` query the DNS and AutoDiscover servers. Several servers may run on one store;
 * the most recently started one is named first. Entries of processes that are gone are ignored and
 * pruned.
 */
export type ServiceKind = "workmail" | "dns" | "autodiscover";

export const SERVICE_KINDS: readonly ServiceKind[] = ["workmail", "dns", "autodiscover"];

export interface ServiceEndpoint {
  readonly host: string;
  /** WorkMail: the endpoint URL clients use (it answers Route 53 and S3 too). */
  readonly url?: string;
  /** WorkMail: the HTTP port; DNS: the UDP/TCP port. */
  readonly port?: number;
  /** AutoDiscover: the plain HTTP port (phase 3 redirect) and the HTTPS port. */
  readonly httpPort?: number;
  readonly httpsPort?: number;
  readonly pid: number;
  readonly startedAt: string;
}

/** The meta key of a kind's entries. */
export const serviceKey = (kind: ServiceKind) => `services.${kind}`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function advertiseService(
  db: Db,
  kind: ServiceKind,
  endpoint: Omit<ServiceEndpoint, "pid" | "startedAt">,
): void {
  db.transaction(() => {
    const current = (getMeta<ServiceEndpoint[]>(db, serviceKey(kind)) ?? []).filter((e) => alive(e.pid));
    setMeta(db, serviceKey(kind), [{ ...endpoint, pid: process.pid, startedAt: new Date().toISOString() }, ...current]);
  }).immediate();
}

export function withdrawService(db: Db, kind: ServiceKind, endpoint: Omit<ServiceEndpoint, "pid" | "startedAt">): void {
  if (!db.open) return;
  db.transaction(() => {
    const current = getMeta<ServiceEndpoint[]>(db, serviceKey(kind)) ?? [];
    const rest = current.filter(
      (e) =>
        alive(e.pid) &&
        !(
          e.pid === process.pid &&
          e.host === endpoint.host &&
          e.port === endpoint.port &&
          e.httpsPort === endpoint.httpsPort
        ),
    );
    setMeta(db, serviceKey(kind), rest);
  }).immediate();
}

/** The running endpoints of a kind, most recently started first. */
export function runningServices(db: Db, kind: ServiceKind): ServiceEndpoint[] {
  return (getMeta<ServiceEndpoint[]>(db, serviceKey(kind)) ?? []).filter((e) => alive(e.pid));
}

/** The WorkMail endpoint of a live `wmctl local serve` on this store, if any. */
export function servedEndpoint(db: Db): string | undefined {
  return runningServices(db, "workmail")[0]?.url;
}

import type { Db } from "./store/database.js";
import { getMeta, setMeta } from "./store/meta.js";

/**
 * A running `wmctl local serve` notes its endpoint in the store it serves, so `wmctl local
 * credentials` and `wmctl local status` on the same store can say where it is. A marker whose
 * process is gone (killed without a clean stop) is ignored.
 */
interface ServedMarker {
  readonly endpoint: string;
  readonly pid: number;
  readonly startedAt: string;
}

export const SERVED_KEY = "served";

export function markServed(db: Db, endpoint: string): void {
  setMeta(db, SERVED_KEY, { endpoint, pid: process.pid, startedAt: new Date().toISOString() } satisfies ServedMarker);
}

export function clearServed(db: Db): void {
  const m = getMeta<ServedMarker>(db, SERVED_KEY);
  if (m !== undefined && m.pid === process.pid) db.prepare("DELETE FROM meta WHERE key = ?").run(SERVED_KEY);
}

export function servedEndpoint(db: Db): string | undefined {
  const m = getMeta<ServedMarker>(db, SERVED_KEY);
  if (m === undefined) return undefined;
  try {
    process.kill(m.pid, 0);
    return m.endpoint;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM" ? m.endpoint : undefined;
  }
}

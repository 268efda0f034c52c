import type { Db } from "./store/database.js";
import { getMeta, setMeta } from "./store/meta.js";

const OFFSET_KEY = "clock.offsetMs";

/**
 * The simulator's clock: real time plus an offset kept in the store, so `wmctl local advance 25h`
 * moves time for every process that uses the store (lifecycles, the 24-hour export rule, the
 * 30-day retention of disabled users).
 */
export function clockOffsetMs(db: Db): number {
  return getMeta<number>(db, OFFSET_KEY) ?? 0;
}

export function simNow(db: Db): Date {
  return new Date(Date.now() + clockOffsetMs(db));
}

/** Moves the clock forward (never backward); returns the new simulator time. */
export function advanceClock(db: Db, ms: number): Date {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError("the simulator clock only moves forward");
  return db
    .transaction(() => {
      const offset = clockOffsetMs(db) + ms;
      setMeta(db, OFFSET_KEY, offset);
      return new Date(Date.now() + offset);
    })
    .immediate();
}

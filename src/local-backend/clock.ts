import { ControlError } from "./control-error.js";
import type { Db } from "./store/database.js";
import { getMeta, setMeta } from "./store/meta.js";

const OFFSET_KEY = "clock.offsetMs";

/** The latest simulator time: the end of ISO-8601's last four-digit year (and far inside what a Date holds). */
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

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

/**
 * Moves the clock forward (never backward, never past year 9999: a store whose clock no Date can
 * hold would fail every later call); returns the new simulator time.
 */
export function advanceClock(db: Db, ms: number): Date {
  if (!Number.isFinite(ms) || ms < 0)
    throw new ControlError("ValidationException", "the simulator clock only moves forward: give a positive duration");
  return db
    .transaction(() => {
      const offset = clockOffsetMs(db) + ms;
      const now = Date.now() + offset;
      if (now > LATEST_MS)
        throw new ControlError(
          "ValidationException",
          `the simulator clock cannot go past ${new Date(LATEST_MS).toISOString()}: advance it by less`,
        );
      setMeta(db, OFFSET_KEY, offset);
      return new Date(now);
    })
    .immediate();
}

import { CancelledError, PendingError } from "../errors/cli-error.js";
import { formatDuration } from "../time/duration.js";

export interface PollOptions<T> {
  /** One look at the thing; returns `done: true` when waiting is over. */
  check(): Promise<{ done: boolean; value: T }>;
  /** What is being waited for, for the timeout message: "organization acme to become Active". */
  readonly what: string;
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Called after each look that is not done (progress lines). */
  onPending?(value: T, elapsedMs: number): void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /**
   * Resolves when the user stops waiting (Ctrl-C: `ctx.untilInterrupted()`): the wait ends at once
   * with a CancelledError (exit 130), so the caller's `finally` restores the terminal.
   */
  readonly interrupted?: Promise<unknown>;
}

/** Polls until done; a timeout is exit code 8 (still pending), as DESIGN.md says. */
export async function pollUntil<T>(options: PollOptions<T>): Promise<T> {
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => (timer = setTimeout(r, ms))));
  let stopped = false;
  const stop = options.interrupted?.then(() => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  });
  // Each step races the interruption: a look in flight or a sleep does not hold the user back.
  const step = async <R>(p: Promise<R>): Promise<R> => {
    const r = stop === undefined ? await p : await Promise.race([p, stop.then(() => undefined as R)]);
    if (stopped) throw new CancelledError(`stopped waiting for ${options.what}`);
    return r;
  };
  const start = now();
  let interval = options.intervalMs ?? 1000;
  for (;;) {
    const { done, value } = await step(options.check());
    if (done) return value;
    const elapsed = now() - start;
    if (elapsed >= options.timeoutMs) {
      throw new PendingError(
        `timed out after ${formatDuration(elapsed)} waiting for ${options.what}`,
        "it is still pending; run the command again later, or wait longer with --timeout",
      );
    }
    options.onPending?.(value, elapsed);
    await step(sleep(Math.min(interval, Math.max(0, options.timeoutMs - elapsed))));
    interval = Math.min(interval * 1.5, 30_000);
  }
}

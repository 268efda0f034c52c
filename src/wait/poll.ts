import { PendingError } from "../errors/cli-error.js";
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
}

/** Polls until done; a timeout is exit code 8 (still pending), as DESIGN.md says. */
export async function pollUntil<T>(options: PollOptions<T>): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const start = now();
  let interval = options.intervalMs ?? 1000;
  for (;;) {
    const { done, value } = await options.check();
    if (done) return value;
    const elapsed = now() - start;
    if (elapsed >= options.timeoutMs) {
      throw new PendingError(`timed out after ${formatDuration(elapsed)} waiting for ${options.what}`, "it is still pending; run the command again later, or wait longer with --timeout");
    }
    options.onPending?.(value, elapsed);
    await sleep(Math.min(interval, Math.max(0, options.timeoutMs - elapsed)));
    interval = Math.min(interval * 1.5, 30_000);
  }
}

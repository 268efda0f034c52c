/**
 * Failed logins per client: after `max` failures within `windowMs`, a client is refused (429 with
 * Retry-After) until its oldest failure leaves the window, whatever password it sends. A success
 * clears its record. Bounded: at most MAX_CLIENTS clients are remembered.
 */
export interface LoginAttempts {
  readonly max: number;
  readonly windowMs: number;
}

/** Ten failures a minute per client: enough for a mistyped password, not for guessing. */
const DEFAULT_LOGIN_ATTEMPTS: LoginAttempts = { max: 10, windowMs: 60_000 };
const MAX_CLIENTS = 10_000;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly attempts: LoginAttempts = DEFAULT_LOGIN_ATTEMPTS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `client` may try again; 0 when it may now. */
  retryAfterMs(client: string): number {
    const recent = this.recent(client);
    if (recent.length < this.attempts.max) return 0;
    return Math.max(1, (recent[recent.length - this.attempts.max] as number) + this.attempts.windowMs - this.now());
  }

  fail(client: string): void {
    const recent = this.recent(client);
    recent.push(this.now());
    this.failures.delete(client);
    this.failures.set(client, recent.slice(-this.attempts.max));
    // The oldest entries of the map are the clients seen least recently.
    while (this.failures.size > MAX_CLIENTS) this.failures.delete(this.failures.keys().next().value as string);
  }

  succeed(client: string): void {
    this.failures.delete(client);
  }

  private recent(client: string): number[] {
    const since = this.now() - this.attempts.windowMs;
    return (this.failures.get(client) ?? []).filter((t) => t > since);
  }
}

/**
 * One shared token bucket for a bulk run: every WorkMail call takes a token first, so `--rate N/s`
 * holds across all concurrent rows. Throttling answers slow it down (the rate falls by a quarter,
 * not below `min`), and each call that goes through lets it climb back toward the ceiling, as
 * TCP's AIMD does: throttling costs speed, not rows. With no ceiling the bucket stays out of the way
 * until the first throttling answer, then starts from the rate the run was making.
 */
export class TokenBucket {
  private rate: number;
  private tokens: number;
  private last: number;
  private windowStart = 0;
  private windowCount = 0;
  private previousCount = 0;
  private queue: Promise<void> = Promise.resolve();
  throttled = 0;

  constructor(
    private readonly ceiling: number | undefined,
    private readonly clock: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly min = 0.5,
  ) {
    this.rate = ceiling ?? Number.POSITIVE_INFINITY;
    this.tokens = this.burst();
    this.last = clock();
  }

  /** The rate the bucket lets through now (requests per second). */
  get currentRate(): number {
    return this.rate;
  }

  /** Waits for a token. Callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.wait());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** A throttling answer: slow down. */
  slowDown(): void {
    this.throttled++;
    const observed = this.observedRate();
    const base = Number.isFinite(this.rate) ? this.rate : Math.max(this.min, observed);
    this.rate = Math.max(this.min, base * 0.75);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** A call went through: climb back toward the ceiling (about 2% of the rate per call). */
  succeeded(): void {
    if (!Number.isFinite(this.rate)) return;
    const top = this.ceiling ?? Number.POSITIVE_INFINITY;
    this.rate = Math.min(top, this.rate + Math.max(0.02, this.rate * 0.02) / Math.max(1, this.rate / 10));
  }

  private burst(): number {
    // One token of burst per 10 req/s (at least 1): smooth enough for a server that counts per second.
    return Number.isFinite(this.rate) ? Math.max(1, Math.min(this.rate, Math.ceil(this.rate / 10))) : 0;
  }

  private async wait(): Promise<void> {
    this.note();
    if (!Number.isFinite(this.rate)) return;
    for (;;) {
      const now = this.clock();
      this.tokens = Math.min(this.burst(), this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.max(1, ((1 - this.tokens) / this.rate) * 1000));
    }
  }

  /** Counts calls in one-second windows (the current one and the one before). */
  private note(): void {
    const now = this.clock();
    if (now - this.windowStart >= 1000) {
      this.previousCount = now - this.windowStart < 2000 ? this.windowCount : 0;
      this.windowStart = now;
      this.windowCount = 0;
    }
    this.windowCount++;
  }

  /** About the calls started in the last second. */
  private observedRate(): number {
    const elapsed = Math.min(1, Math.max(0, (this.clock() - this.windowStart) / 1000));
    return this.windowCount + this.previousCount * (1 - elapsed);
  }
}

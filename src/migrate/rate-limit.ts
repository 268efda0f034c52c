/**
 * One token bucket shared by every copier: at most `perSecond` takes a second on average, with a
 * burst of one second's worth. `perSecond` undefined or 0 means no limit.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perSecond ?? 0;
    this.last = now();
  }

  take(): Promise<void> {
    const rate = this.perSecond;
    if (rate === undefined || rate <= 0) return Promise.resolve();
    const next = this.chain.then(async () => {
      const t = this.now();
      this.tokens = Math.min(rate, this.tokens + ((t - this.last) / 1000) * rate);
      this.last = t;
      if (this.tokens < 1) {
        const wait = Math.ceil(((1 - this.tokens) / rate) * 1000);
        await new Promise((r) => setTimeout(r, wait));
        this.tokens = 1;
        this.last = this.now();
      }
      this.tokens -= 1;
    });
    this.chain = next;
    return next;
  }
}

/**
 * What the limits need from a counter. Today one in-memory implementation (right for one machine, the
 * SQLite deployment); several app instances would each count on their own, so a shared store
 * (database or Redis) goes behind this same interface.
 */
export interface AttemptCounter {
  /** Counts one hit for `key`; returns the seconds to wait when the limit is exceeded, else 0. */
  hit(key: string, now?: number): number;
  /** Seconds to wait before `key` may try again (0 = now), without counting anything. */
  retryAfter(key: string, now?: number): number;
  reset(key: string): void;
}

/** A fixed-window counter kept in process memory. */
export class RateLimiter implements AttemptCounter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  hit(key: string, now = Date.now()): number {
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      this.sweep(now);
      return 0;
    }
    entry.count += 1;
    return entry.count > this.limit ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  retryAfter(key: string, now = Date.now()): number {
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now || entry.count < this.limit) return 0;
    return Math.ceil((entry.resetAt - now) / 1000);
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(now: number) {
    if (this.hits.size < 10_000) return;
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
  }
}

import { waitAfterHit, waitBeforeTry, type RateLimitWindow } from "./window";

/** The RateLimit table's operations, one statement each, shared by every app instance using the database. */
export interface RateLimitStore {
  /** Counts one hit in `key`'s fixed window of `windowMs` (a new window when the last one ended). */
  hit(key: string, windowMs: number, now: number): Promise<RateLimitWindow>;
  /** Counts one more and sets the window's end to `windowEndsAt`, whatever it was. */
  stamp(key: string, windowEndsAt: number): Promise<void>;
  read(key: string): Promise<RateLimitWindow | null>;
  remove(key: string): Promise<void>;
}

/** What the limits need from a counter. */
export interface AttemptCounter {
  /** Counts one hit for `key`; resolves to the seconds to wait when the limit is exceeded, else 0. */
  hit(key: string, now?: number): Promise<number>;
  /** Seconds to wait before `key` may try again (0 = now), without counting anything. */
  retryAfter(key: string, now?: number): Promise<number>;
  reset(key: string): Promise<void>;
}

/** `limit` hits per fixed window of `windowMs`, per key, kept in the database under `name:key`. */
export class FixedWindowCounter implements AttemptCounter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  async hit(key: string, now = Date.now()): Promise<number> {
    return waitAfterHit(await this.store.hit(`${this.name}:${key}`, this.windowMs, now), this.limit, now);
  }

  async retryAfter(key: string, now = Date.now()): Promise<number> {
    return waitBeforeTry(await this.store.read(`${this.name}:${key}`), this.limit, now);
  }

  async reset(key: string): Promise<void> {
    await this.store.remove(`${this.name}:${key}`);
  }
}

import { FixedWindowCounter, type AttemptCounter, type RateLimitStore } from "@/lib/rate-limit/counter";

const WINDOW_MS = 15 * 60_000;

/**
 * Who may try a password now. Failures count per (email, network) and per network, so a stranger
 * guessing at the admin's address uses up only their own attempts. Per email there is only a soft,
 * short backoff once many networks together failed often: it slows a distributed guesser by seconds
 * and never locks the owner out for longer than that. Every count is in the database, shared by every
 * app instance.
 */
export class SignInThrottle {
  private readonly perEmailNetwork: AttemptCounter;
  private readonly perNetwork: AttemptCounter;
  private readonly emailBackoff: EmailBackoff;

  constructor(store: RateLimitStore) {
    this.perEmailNetwork = new FixedWindowCounter(store, "signin-email-network", 5, WINDOW_MS);
    this.perNetwork = new FixedWindowCounter(store, "signin-network", 30, WINDOW_MS);
    this.emailBackoff = new EmailBackoff(store, 10, WINDOW_MS, 3_000);
  }

  /** Seconds to wait before this attempt may be checked, 0 when it may go ahead. */
  async retryAfter(email: string, network: string, now = Date.now()): Promise<number> {
    const waits = await Promise.all([
      this.perEmailNetwork.retryAfter(`${email}|${network}`, now),
      this.perNetwork.retryAfter(network, now),
      this.emailBackoff.retryAfter(email, now),
    ]);
    return Math.max(...waits);
  }

  async failed(email: string, network: string, now = Date.now()): Promise<void> {
    await Promise.all([
      this.perEmailNetwork.hit(`${email}|${network}`, now),
      this.perNetwork.hit(network, now),
      this.emailBackoff.failed(email, now),
    ]);
  }

  async succeeded(email: string, network: string): Promise<void> {
    await this.perEmailNetwork.reset(`${email}|${network}`);
  }
}

/**
 * After `threshold` failures in the window, each further failure asks for `delayMs` before the next try.
 * Two rows per email: the failures in the window, and the last failure's time plus `delayMs`.
 */
export class EmailBackoff {
  constructor(
    private readonly store: RateLimitStore,
    private readonly threshold: number,
    private readonly windowMs: number,
    private readonly delayMs: number,
  ) {}

  async retryAfter(email: string, now = Date.now()): Promise<number> {
    const failures = await this.store.read(`signin-email:${email}`);
    if (!failures || failures.windowEndsAt <= now || failures.hits < this.threshold) return 0;
    const last = await this.store.read(`signin-email-last:${email}`);
    const wait = last ? last.windowEndsAt - now : 0;
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  async failed(email: string, now = Date.now()): Promise<void> {
    await this.store.hit(`signin-email:${email}`, this.windowMs, now);
    await this.store.stamp(`signin-email-last:${email}`, now + this.delayMs);
  }
}

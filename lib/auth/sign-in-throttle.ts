import { RateLimiter, type AttemptCounter } from "./rate-limit";

const WINDOW_MS = 15 * 60_000;

/**
 * Who may try a password now. Failures count per (email, network) and per network, so a stranger
 * guessing at the admin's address uses up only their own attempts. Per email there is only a soft,
 * short backoff once many networks together failed often: it slows a distributed guesser by seconds
 * and never locks the owner out for longer than that.
 */
export class SignInThrottle {
  constructor(
    private readonly perEmailNetwork: AttemptCounter = new RateLimiter(5, WINDOW_MS),
    private readonly perNetwork: AttemptCounter = new RateLimiter(30, WINDOW_MS),
    private readonly emailBackoff = new EmailBackoff(10, WINDOW_MS, 3_000),
  ) {}

  /** Seconds to wait before this attempt may be checked, 0 when it may go ahead. */
  retryAfter(email: string, network: string, now = Date.now()): number {
    return Math.max(
      this.perEmailNetwork.retryAfter(`${email}|${network}`, now),
      this.perNetwork.retryAfter(network, now),
      this.emailBackoff.retryAfter(email, now),
    );
  }

  failed(email: string, network: string, now = Date.now()): void {
    this.perEmailNetwork.hit(`${email}|${network}`, now);
    this.perNetwork.hit(network, now);
    this.emailBackoff.failed(email, now);
  }

  succeeded(email: string, network: string): void {
    this.perEmailNetwork.reset(`${email}|${network}`);
  }
}

/** After `threshold` failures in the window, each further failure asks for `delayMs` before the next try. */
export class EmailBackoff {
  private readonly failures = new Map<string, { count: number; windowEnds: number; lastAt: number }>();

  constructor(
    private readonly threshold: number,
    private readonly windowMs: number,
    private readonly delayMs: number,
  ) {}

  retryAfter(email: string, now = Date.now()): number {
    const entry = this.failures.get(email);
    if (!entry || entry.windowEnds <= now || entry.count < this.threshold) return 0;
    const wait = entry.lastAt + this.delayMs - now;
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  failed(email: string, now = Date.now()): void {
    const entry = this.failures.get(email);
    if (!entry || entry.windowEnds <= now) {
      if (this.failures.size >= 10_000) this.sweep(now);
      this.failures.set(email, { count: 1, windowEnds: now + this.windowMs, lastAt: now });
      return;
    }
    entry.count += 1;
    entry.lastAt = now;
  }

  private sweep(now: number) {
    for (const [key, entry] of this.failures) if (entry.windowEnds <= now) this.failures.delete(key);
  }
}

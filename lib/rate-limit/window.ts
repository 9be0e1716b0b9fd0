/** A key's current fixed window as the RateLimit table holds it: hits counted, and when the window ends (epoch ms). */
export interface RateLimitWindow {
  hits: number;
  windowEndsAt: number;
}

const secondsUntil = (end: number, now: number) => Math.ceil((end - now) / 1000);

/** After a hit was counted: seconds to wait when it went past `limit`, else 0. */
export function waitAfterHit(window: RateLimitWindow, limit: number, now: number): number {
  return window.hits > limit && window.windowEndsAt > now ? secondsUntil(window.windowEndsAt, now) : 0;
}

/** Before an attempt, without counting it: seconds to wait once `limit` hits used the window up, else 0. */
export function waitBeforeTry(window: RateLimitWindow | null, limit: number, now: number): number {
  if (!window || window.windowEndsAt <= now || window.hits < limit) return 0;
  return secondsUntil(window.windowEndsAt, now);
}

/** Drivers hand BIGINT back as a bigint (Prisma), a string (pg) or a number (better-sqlite3). */
export function windowFromRow(row: { hits: unknown; windowEndsAt: unknown }): RateLimitWindow {
  const hits = Number(row.hits);
  const windowEndsAt = Number(row.windowEndsAt);
  if (!Number.isFinite(hits) || !Number.isFinite(windowEndsAt)) throw new Error("RateLimit row is not numeric");
  return { hits, windowEndsAt };
}

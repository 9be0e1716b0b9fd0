/**
 * The RateLimit table's statements, written once with `?` placeholders (SQLite's) and valid on SQLite and
 * PostgreSQL alike; `toPostgres` numbers the placeholders for the pg driver, and the Prisma store splits on
 * them for `$queryRaw`. No statement has a `?` anywhere else.
 */

/**
 * One hit, atomically: a new key or a window that ended starts over at 1, otherwise the count goes up.
 * Both SET expressions read the row as it was, so the order of the two does not matter. Parameters in
 * order: `rateLimitHitParams`. Returns the row's `hits` and `windowEndsAt`.
 */
export const RATE_LIMIT_HIT_SQL = `
  INSERT INTO "RateLimit" ("key", "hits", "windowEndsAt") VALUES (?, 1, ?)
  ON CONFLICT ("key") DO UPDATE SET
    "hits" = CASE WHEN "RateLimit"."windowEndsAt" <= ? THEN 1 ELSE "RateLimit"."hits" + 1 END,
    "windowEndsAt" = CASE WHEN "RateLimit"."windowEndsAt" <= ?
      THEN excluded."windowEndsAt" ELSE "RateLimit"."windowEndsAt" END
  RETURNING "hits", "windowEndsAt"`;

/** The parameters of RATE_LIMIT_HIT_SQL, in order. */
export function rateLimitHitParams(key: string, windowMs: number, now: number): [string, number, number, number] {
  return [key, now + windowMs, now, now];
}

/** Counts one more and moves the window's end to the given time (key, windowEndsAt): a "last seen" stamp. */
export const RATE_LIMIT_STAMP_SQL = `
  INSERT INTO "RateLimit" ("key", "hits", "windowEndsAt") VALUES (?, 1, ?)
  ON CONFLICT ("key") DO UPDATE SET "hits" = "RateLimit"."hits" + 1, "windowEndsAt" = excluded."windowEndsAt"`;

export const RATE_LIMIT_READ_SQL = `SELECT "hits", "windowEndsAt" FROM "RateLimit" WHERE "key" = ?`;

export const RATE_LIMIT_DELETE_SQL = `DELETE FROM "RateLimit" WHERE "key" = ?`;

/** Rows whose window ended (parameter: now, epoch ms); `windowEndsAt` is indexed. */
export const RATE_LIMIT_SWEEP_SQL = `DELETE FROM "RateLimit" WHERE "windowEndsAt" <= ?`;

/** The same statement with PostgreSQL's numbered placeholders ($1, $2, …), taking the same parameters. */
export function toPostgres(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

/** For a PostgreSQL store on the pg driver: parameters `rateLimitHitParams`, then `windowFromRow` on the row. */
export const POSTGRES_RATE_LIMIT_HIT_SQL = toPostgres(RATE_LIMIT_HIT_SQL);
/** For a PostgreSQL store on the pg driver: parameter now (epoch ms); run when `sweepDue` says so. */
export const POSTGRES_RATE_LIMIT_SWEEP_SQL = toPostgres(RATE_LIMIT_SWEEP_SQL);

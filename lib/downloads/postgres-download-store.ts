import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { DownloadStore } from "./download-store";
import { RANGE_MAX, USER_AGENT_MAX, type DownloadEventInput } from "./events";
import { parseOrderStatus } from "@/lib/orders/policy";
import { POSTGRES_RATE_LIMIT_HIT_SQL, POSTGRES_RATE_LIMIT_SWEEP_SQL, rateLimitHitParams } from "@/lib/rate-limit/sql";
import { sweepDue } from "@/lib/rate-limit/sweep-gate";
import { waitAfterHit, windowFromRow } from "@/lib/rate-limit/window";
import type { GrantRecord } from "./grant-record";

/** A grant row as pg hands it back: integers as numbers, the enum as text, timestamps already Dates. */
type GrantRow = Omit<GrantRecord, "orderStatus"> & { orderStatus: string };

// Prisma's DateTime is `timestamp(3)` without a zone on PostgreSQL, holding UTC. pg would read and write such
// a column in the process's local zone, so values cross as UTC explicitly: written as a zoneless UTC
// wall-clock string, read back through `AT TIME ZONE 'UTC'` (a timestamptz, which pg parses with its offset).
const utcWallClock = (date: Date) => date.toISOString().slice(0, -1);

// Named statements: each connection of the pool parses and plans them once, then only binds values.
const FIND = {
  name: "bindery-download-find-grant",
  text: `
    SELECT g."id" AS "grantId", g."downloadsUsed", g."downloadLimit", g."expiresAt" AT TIME ZONE 'UTC' AS "expiresAt",
           g."revokedAt" AT TIME ZONE 'UTC' AS "revokedAt", g."revokedReason",
           g."lastCountedAt" AT TIME ZONE 'UTC' AS "lastCountedAt", g."linkGeneration", o."status" AS "orderStatus",
           o."userId" AS "ownerId",
           u."sessionVersion" AS "ownerSessionVersion", f."version" AS "fileVersion", f."storageKey", f."displayName",
           f."contentType", f."sha256" AS "fileSha256", p."stampCopies", s."status" AS "stampStatus",
           s."storageKey" AS "stampStorageKey", s."sourceSha256" AS "stampSourceSha256"
    FROM "DownloadGrant" g
    JOIN "OrderItem" i ON i."id" = g."orderItemId"
    JOIN "Order" o ON o."id" = i."orderId"
    LEFT JOIN "User" u ON u."id" = o."userId"
    JOIN "ProductFile" f ON f."id" = g."productFileId"
    JOIN "Product" p ON p."id" = f."productId"
    LEFT JOIN "StampedCopy" s ON s."grantId" = g."id"
    WHERE g."id" = $1`,
};
// The limit check and the increment are one statement: the row lock makes a concurrent UPDATE re-check the
// condition on the committed row, so two requests cannot both take the last download.
const CONSUME = {
  name: "bindery-download-consume",
  text: `
    UPDATE "DownloadGrant" SET "downloadsUsed" = "downloadsUsed" + 1, "lastCountedAt" = $1
    WHERE "id" = $2 AND "revokedAt" IS NULL AND ("downloadLimit" IS NULL OR "downloadsUsed" < "downloadLimit")`,
};
const LOG_COLUMNS = `"id", "grantId", "userId", "fileVersion", "createdAt", "ip", "network", "userAgent", "range",
  "backend", "outcome"`;
const INSERT = {
  name: "bindery-download-log",
  text: `INSERT INTO "DownloadEvent" (${LOG_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
};
// The count and its log row in one statement (so one implicit transaction): the INSERT reads the UPDATE's
// result, and inserts nothing when no download was left. The casts name the types an INSERT … SELECT
// cannot infer from a bare parameter.
const CONSUME_AND_LOG = {
  name: "bindery-download-consume-and-log",
  text: `
    WITH counted AS (
      UPDATE "DownloadGrant" SET "downloadsUsed" = "downloadsUsed" + 1, "lastCountedAt" = $1
      WHERE "id" = $2 AND "revokedAt" IS NULL AND ("downloadLimit" IS NULL OR "downloadsUsed" < "downloadLimit")
      RETURNING 1
    )
    INSERT INTO "DownloadEvent" (${LOG_COLUMNS})
    SELECT $3::text, $4::text, $5::text, $6::integer, $7::timestamp(3), $8::text, $9::text, $10::text, $11::text,
           $12::text, $13::text
    FROM counted`,
};
const RATE_LIMIT_HIT = { name: "bindery-rate-limit-hit", text: POSTGRES_RATE_LIMIT_HIT_SQL };

function logValues(event: DownloadEventInput) {
  return [
    randomUUID(),
    event.grantId,
    event.userId,
    event.fileVersion ?? null,
    utcWallClock(new Date()),
    event.ip,
    event.network ?? null,
    event.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
    event.range?.slice(0, RANGE_MAX) ?? null,
    event.backend,
    event.outcome,
  ];
}

/**
 * The download path's statements on a pool of its own to the same PostgreSQL database, of `poolSize`
 * connections: DATABASE_POOL_SIZE, the size Prisma's pool has too. Its own pool, so downloads never queue
 * behind page renders or staff exports waiting for a Prisma connection (nor those behind a download
 * burst); the full size rather than a share of it, so a size of 1 still gives each pool a connection.
 * One instance therefore opens at most 2 × DATABASE_POOL_SIZE connections (README, "Configuration").
 */
export function createPostgresDownloadStore(databaseUrl: string, poolSize: number): DownloadStore {
  // The name tells this pool's connections apart in pg_stat_activity (unless the URL names its own).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: "bindery-downloads" });
  // An idle connection the server drops (restart, idle timeout) emits an error on the pool; unhandled, it
  // would end the process. The pool replaces the connection on the next query.
  pool.on("error", (error) => console.error(`download store: idle PostgreSQL connection lost: ${error.message}`));

  return {
    async findGrant(grantId) {
      const { rows } = await pool.query<GrantRow>({ ...FIND, values: [grantId] });
      const row = rows[0];
      if (!row) return null;
      return { ...row, orderStatus: parseOrderStatus(row.orderStatus) };
    },
    async consume(grantId, now, logged) {
      const result = logged
        ? await pool.query({ ...CONSUME_AND_LOG, values: [utcWallClock(now), grantId, ...logValues(logged)] })
        : await pool.query({ ...CONSUME, values: [utcWallClock(now), grantId] });
      return result.rowCount === 1;
    },
    async log(event) {
      await pool.query({ ...INSERT, values: logValues(event) });
    },
    async hitRateLimit(key, limit, windowMs, now) {
      const { rows } = await pool.query({ ...RATE_LIMIT_HIT, values: rateLimitHitParams(key, windowMs, now) });
      const row = rows[0] as { hits: unknown; windowEndsAt: unknown } | undefined;
      if (!row) throw new Error("The RateLimit upsert returned no row");
      if (sweepDue(now)) {
        // Only housekeeping: a busy database must not fail the download.
        await pool
          .query(POSTGRES_RATE_LIMIT_SWEEP_SQL, [now])
          .catch((error: unknown) => console.error("[rate-limit] sweeping expired rows failed:", error));
      }
      return waitAfterHit(windowFromRow(row), limit, now);
    },
    async close() {
      await pool.end();
    },
  };
}

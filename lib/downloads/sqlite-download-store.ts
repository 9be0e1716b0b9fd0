import "server-only";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { DownloadStore } from "./download-store";
import { RANGE_MAX, USER_AGENT_MAX, type DownloadEventInput } from "./events";
import { parseOrderStatus } from "@/lib/orders/policy";
import { RATE_LIMIT_HIT_SQL, RATE_LIMIT_SWEEP_SQL, rateLimitHitParams } from "@/lib/rate-limit/sql";
import { sweepDue } from "@/lib/rate-limit/sweep-gate";
import { waitAfterHit, windowFromRow } from "@/lib/rate-limit/window";
import type { GrantRecord } from "./grant-record";

/** A grant row as better-sqlite3 hands it back: Prisma's DateTime columns are ISO-8601 text in SQLite. */
type GrantRow = Omit<GrantRecord, "orderStatus" | "expiresAt" | "revokedAt" | "lastCountedAt" | "stampCopies"> & {
  orderStatus: string;
  stampCopies: number;
  expiresAt: string | null;
  revokedAt: string | null;
  lastCountedAt: string | null;
};

// Prisma stores DateTime in SQLite as ISO-8601 text with an explicit offset; rows written here match it.
const timestamp = (date: Date) => date.toISOString().replace("Z", "+00:00");
const toDate = (value: string | null) => (value === null ? null : new Date(value));

/** The download path's statements on a connection of its own to the same SQLite file (WAL). */
export function createSqliteDownloadStore(file: string): DownloadStore {
  const sql = new Database(file, { timeout: 5000 });
  sql.pragma("journal_mode = WAL");
  sql.pragma("synchronous = NORMAL");
  const find = sql.prepare<[string], GrantRow>(`
    SELECT g."id" AS "grantId", g."downloadsUsed", g."downloadLimit", g."expiresAt", g."revokedAt", g."revokedReason",
           g."lastCountedAt", g."linkGeneration", o."status" AS "orderStatus", o."userId" AS "ownerId",
           u."sessionVersion" AS "ownerSessionVersion",
           f."version" AS "fileVersion", f."storageKey", f."displayName", f."contentType", f."sha256" AS "fileSha256",
           p."stampCopies", s."status" AS "stampStatus", s."storageKey" AS "stampStorageKey",
           s."sourceSha256" AS "stampSourceSha256"
    FROM "DownloadGrant" g
    JOIN "OrderItem" i ON i."id" = g."orderItemId"
    JOIN "Order" o ON o."id" = i."orderId"
    LEFT JOIN "User" u ON u."id" = o."userId"
    JOIN "ProductFile" f ON f."id" = g."productFileId"
    JOIN "Product" p ON p."id" = f."productId"
    LEFT JOIN "StampedCopy" s ON s."grantId" = g."id"
    WHERE g."id" = ?`);
  // The limit check and the increment are one statement: concurrent requests cannot both take the last download.
  const consume = sql.prepare<[string, string]>(`
    UPDATE "DownloadGrant" SET "downloadsUsed" = "downloadsUsed" + 1, "lastCountedAt" = ?
    WHERE "id" = ? AND "revokedAt" IS NULL AND ("downloadLimit" IS NULL OR "downloadsUsed" < "downloadLimit")`);
  const insert = sql.prepare(`
    INSERT INTO "DownloadEvent" ("id", "grantId", "userId", "fileVersion", "createdAt", "ip", "network", "userAgent",
                                 "range", "backend", "outcome")
    VALUES (@id, @grantId, @userId, @fileVersion, @createdAt, @ip, @network, @userAgent, @range, @backend, @outcome)`);
  const hitRateLimit = sql.prepare<[string, number, number, number], { hits: unknown; windowEndsAt: unknown }>(
    RATE_LIMIT_HIT_SQL,
  );
  const sweepRateLimits = sql.prepare<[number]>(RATE_LIMIT_SWEEP_SQL);

  const writeLog = (event: DownloadEventInput) => {
    insert.run({
      id: randomUUID(),
      grantId: event.grantId,
      userId: event.userId,
      fileVersion: event.fileVersion ?? null,
      createdAt: timestamp(new Date()),
      ip: event.ip,
      network: event.network ?? null,
      userAgent: event.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
      range: event.range?.slice(0, RANGE_MAX) ?? null,
      backend: event.backend,
      outcome: event.outcome,
    });
  };
  const consumeAndLog = sql.transaction((grantId: string, now: Date, logged: DownloadEventInput | undefined) => {
    const counted = consume.run(timestamp(now), grantId).changes === 1;
    if (counted && logged) writeLog(logged);
    return counted;
  });

  return {
    async findGrant(grantId) {
      const row = find.get(grantId);
      if (!row) return null;
      return {
        ...row,
        orderStatus: parseOrderStatus(row.orderStatus),
        stampCopies: row.stampCopies === 1,
        expiresAt: toDate(row.expiresAt),
        revokedAt: toDate(row.revokedAt),
        lastCountedAt: toDate(row.lastCountedAt),
      };
    },
    async consume(grantId, now, logged) {
      return consumeAndLog.immediate(grantId, now, logged);
    },
    async log(event) {
      writeLog(event);
    },
    async hitRateLimit(key, limit, windowMs, now) {
      const row = hitRateLimit.get(...rateLimitHitParams(key, windowMs, now));
      if (!row) throw new Error("The RateLimit upsert returned no row");
      if (sweepDue(now)) {
        try {
          sweepRateLimits.run(now);
        } catch (error) {
          // Only housekeeping: a busy database must not fail the download.
          console.error("[rate-limit] sweeping expired rows failed:", error);
        }
      }
      return waitAfterHit(windowFromRow(row), limit, now);
    },
    async close() {
      sql.close();
    },
  };
}

import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { DownloadStore } from "./download-store";
import { RANGE_MAX, USER_AGENT_MAX } from "./events";
import { parseOrderStatus } from "@/lib/orders/policy";
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
           g."lastCountedAt" AT TIME ZONE 'UTC' AS "lastCountedAt", o."status" AS "orderStatus", o."userId" AS "ownerId",
           u."sessionVersion" AS "ownerSessionVersion", f."version" AS "fileVersion", f."storageKey", f."displayName",
           f."contentType"
    FROM "DownloadGrant" g
    JOIN "OrderItem" i ON i."id" = g."orderItemId"
    JOIN "Order" o ON o."id" = i."orderId"
    LEFT JOIN "User" u ON u."id" = o."userId"
    JOIN "ProductFile" f ON f."id" = g."productFileId"
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
const INSERT = {
  name: "bindery-download-log",
  text: `
    INSERT INTO "DownloadEvent" ("id", "grantId", "userId", "fileVersion", "createdAt", "ip", "userAgent", "range", "backend", "outcome")
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
};

/** The download path's statements on a pool of its own to the same PostgreSQL database. */
export function createPostgresDownloadStore(databaseUrl: string): DownloadStore {
  const pool = new pg.Pool({ connectionString: databaseUrl });
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
    async consume(grantId, now) {
      const result = await pool.query({ ...CONSUME, values: [utcWallClock(now), grantId] });
      return result.rowCount === 1;
    },
    async log(event) {
      await pool.query({
        ...INSERT,
        values: [
          randomUUID(),
          event.grantId,
          event.userId,
          event.fileVersion ?? null,
          utcWallClock(new Date()),
          event.ip,
          event.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
          event.range?.slice(0, RANGE_MAX) ?? null,
          event.backend,
          event.outcome,
        ],
      });
    },
    async close() {
      await pool.end();
    },
  };
}

import "server-only";
import type { PrismaClient } from "@prisma/client";
import { parseOrderStatus, type OrderStatus } from "@/lib/orders/policy";

/** Everything the download decision needs, read in one joined query (one round trip on the hot path). */
export interface GrantRecord {
  grantId: string;
  downloadsUsed: number;
  downloadLimit: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  /** When a download of this grant was last counted: free resumes are measured from it. */
  lastCountedAt: Date | null;
  orderStatus: OrderStatus;
  ownerId: string | null;
  /** The owner's User.sessionVersion (null when the order has no account). */
  ownerSessionVersion: number | null;
  fileVersion: number;
  storageKey: string;
  displayName: string;
  contentType: string;
}

/** A grant row as both stores read it: SQLite may hand back text dates and bigint counts. */
export interface GrantRow {
  grantId: string;
  downloadsUsed: number | bigint;
  downloadLimit: number | bigint | null;
  expiresAt: Date | string | null;
  revokedAt: Date | string | null;
  revokedReason: string | null;
  lastCountedAt: Date | string | null;
  orderStatus: string;
  ownerId: string | null;
  ownerSessionVersion: number | bigint | null;
  fileVersion: number | bigint;
  storageKey: string;
  displayName: string;
  contentType: string;
}

const toDate = (value: Date | string | null) => (value === null ? null : new Date(value));
const toNumber = (value: number | bigint) => Number(value);

export function toGrantRecord(row: GrantRow): GrantRecord {
  return {
    ...row,
    orderStatus: parseOrderStatus(row.orderStatus),
    downloadsUsed: toNumber(row.downloadsUsed),
    downloadLimit: row.downloadLimit === null ? null : toNumber(row.downloadLimit),
    expiresAt: toDate(row.expiresAt),
    revokedAt: toDate(row.revokedAt),
    lastCountedAt: toDate(row.lastCountedAt),
    ownerSessionVersion: row.ownerSessionVersion === null ? null : toNumber(row.ownerSessionVersion),
    fileVersion: toNumber(row.fileVersion),
  };
}

export async function findGrantRecord(prisma: PrismaClient, grantId: string): Promise<GrantRecord | null> {
  const rows = await prisma.$queryRaw<GrantRow[]>`
    SELECT g."id" AS "grantId", g."downloadsUsed", g."downloadLimit", g."expiresAt", g."revokedAt", g."revokedReason",
           g."lastCountedAt", o."status" AS "orderStatus", o."userId" AS "ownerId", u."sessionVersion" AS "ownerSessionVersion",
           f."version" AS "fileVersion", f."storageKey", f."displayName", f."contentType"
    FROM "DownloadGrant" g
    JOIN "OrderItem" i ON i."id" = g."orderItemId"
    JOIN "Order" o ON o."id" = i."orderId"
    LEFT JOIN "User" u ON u."id" = o."userId"
    JOIN "ProductFile" f ON f."id" = g."productFileId"
    WHERE g."id" = ${grantId}`;
  return rows[0] ? toGrantRecord(rows[0]) : null;
}

/**
 * Uses one download, atomically: the limit check and the increment are one UPDATE, so concurrent
 * requests against a limit of 3 let exactly 3 through. Returns false when none was left (or revoked).
 * It also records when, for the resume grace window.
 */
export async function consumeDownload(prisma: PrismaClient, grantId: string, now: Date): Promise<boolean> {
  const changed = await prisma.$executeRaw`
    UPDATE "DownloadGrant" SET "downloadsUsed" = "downloadsUsed" + 1, "lastCountedAt" = ${now}
    WHERE "id" = ${grantId} AND "revokedAt" IS NULL
      AND ("downloadLimit" IS NULL OR "downloadsUsed" < "downloadLimit")`;
  return changed === 1;
}

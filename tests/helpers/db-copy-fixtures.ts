import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type Database from "better-sqlite3";

/** DateTime values as the rows below store them, and the instant each one means. */
export const ODD_DATES = [
  { id: "evt_current_timestamp", stored: "2026-11-30 08:15:00", instant: "2026-11-30T08:15:00.000Z" },
  { id: "evt_epoch_ms", stored: 1796026500123, instant: "2026-11-30T08:15:00.123Z" },
  { id: "evt_other_offset", stored: "2026-11-30T10:15:00.5+02:00", instant: "2026-11-30T08:15:00.500Z" },
  { id: "evt_iso_z", stored: "2026-11-30T08:15:00.123Z", instant: "2026-11-30T08:15:00.123Z" },
] as const;

/** More than one insert batch's worth, so the copy's batching is exercised. */
export const DOWNLOAD_EVENTS = 1234;

/** A RateLimit value a JavaScript number cannot hold exactly. */
export const HUGE_WINDOW = 2n ** 62n + 1n;

/**
 * Gives every table of a seeded store rows, through Prisma where the app writes through Prisma and as raw
 * statements where the app writes raw (the download log), including DateTime values in every format a
 * SQLite file written by Bindery, or by hand, may hold.
 */
export async function fillEveryTable(prisma: PrismaClient, sql: Database.Database) {
  const reader = await prisma.user.findFirstOrThrow({ where: { email: "reader@example.com" } });
  const admin = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
  const grants = await prisma.downloadGrant.findMany({ select: { id: true } });
  if (grants.length === 0) throw new Error("the seed made no grants");

  await prisma.accountToken.createMany({
    data: [
      {
        tokenHash: `hash-${randomUUID()}`,
        userId: reader.id,
        purpose: "VERIFY_EMAIL",
        email: reader.email,
        expiresAt: new Date("2026-12-24T12:00:00.042Z"),
      },
      {
        tokenHash: `hash-${randomUUID()}`,
        userId: reader.id,
        purpose: "RESET_PASSWORD",
        email: reader.email,
        expiresAt: new Date("2026-12-01T00:00:00Z"),
        usedAt: new Date("2026-11-30T23:59:59.999Z"),
      },
    ],
  });
  await prisma.outboxMail.createMany({
    data: [
      {
        dedupeKey: "receipt:ord_ünïcode",
        to: reader.email,
        subject: "Ваш заказ — 注文",
        text: "Ωmega",
        html: "<p>Ωmega</p>",
        sentAt: new Date("2026-11-29T10:00:00.007Z"),
      },
      { to: reader.email, subject: "Retry", text: "t", html: "h", attempts: 3, lastError: "421 try later" },
    ],
  });
  // Editions: a stamped copy of each kind, a version announced to its owners, an address that opted out.
  const [readyGrant, failedGrant] = grants;
  await prisma.stampedCopy.create({
    data: {
      grantId: readyGrant.id,
      status: "READY",
      sourceSha256: "a".repeat(64),
      stampHash: "b".repeat(64),
      storageKey: `stamped/ab/cd/${randomUUID()}.pdf`,
      size: 123_456,
      sha256: "c".repeat(64),
      readyAt: new Date("2026-11-30T08:00:00.123Z"),
    },
  });
  if (failedGrant) {
    await prisma.stampedCopy.create({
      data: {
        grantId: failedGrant.id,
        status: "FAILED",
        sourceSha256: "d".repeat(64),
        stampHash: "e".repeat(64),
        failure: "The PDF is encrypted: « stamping » it would corrupt it.",
      },
    });
  }
  const file = await prisma.productFile.findFirstOrThrow({ select: { id: true } });
  await prisma.versionNotice.create({
    data: {
      productFileId: file.id,
      requestedById: admin.id,
      queued: 42,
      completedAt: new Date("2026-11-30T09:00:00Z"),
    },
  });
  await prisma.mailOptOut.create({ data: { email: "no-more-news@example.com" } });
  await prisma.processedStripeEvent.create({ data: { id: "evt_stripe_1", type: "checkout.session.completed" } });
  await prisma.idempotencyKey.createMany({
    data: [
      {
        key: "order.refund:ord_1:re_1",
        ownerId: admin.id,
        result: '{"ok":true}',
        completedAt: new Date("2026-11-28T09:30:00.321Z"),
      },
      { key: "order.payment_mismatch:ord_2", ownerId: null },
    ],
  });
  await prisma.rateLimit.createMany({
    data: [
      { key: "download:203.0.113.0", hits: 7, windowEndsAt: BigInt(Date.UTC(2026, 11, 2, 12, 1)) },
      { key: "sign-in:far-future", hits: 1, windowEndsAt: HUGE_WINDOW },
    ],
  });
  await prisma.auditLog.createMany({
    data: [
      {
        actorId: admin.id,
        action: "order.refund",
        targetType: "Order",
        targetId: "ord_1",
        details: '{"note":"Rückerstattung ✓"}',
      },
      { actorId: null, action: "order.payment_mismatch", targetType: "Order", targetId: "ord_2" },
    ],
  });

  // The download store writes its log with raw statements, Prisma's DateTime format included.
  const insert = sql.prepare(
    `INSERT INTO "DownloadEvent" (id, grantId, userId, fileVersion, createdAt, ip, userAgent, range, backend, outcome)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  sql.transaction(() => {
    for (let i = 0; i < DOWNLOAD_EVENTS; i += 1) {
      const createdAt = new Date(Date.UTC(2026, 10, 1) + i * 60_001).toISOString().replace("Z", "+00:00");
      const grant = grants[i % grants.length];
      insert.run(
        `evt_${i}`,
        i % 10 === 0 ? null : grant?.id,
        i % 3 === 0 ? null : reader.id,
        1,
        createdAt,
        "198.51.100.7",
        "Mozilla/5.0 (Ünïcode)",
        i % 2 ? "bytes=100-" : null,
        "nginx",
        i % 7 ? "ALLOWED" : "EXHAUSTED",
      );
    }
    for (const { id, stored } of ODD_DATES) insert.run(id, null, null, null, stored, null, null, null, null, "ALLOWED");
  })();

  // Shelves: two categories, every book on the first, one book on both.
  const [first, second] = await Promise.all(
    ["Typography & Design", "Écrits"].map((name, i) => prisma.category.create({ data: { slug: `shelf-${i}`, name } })),
  );
  const books = await prisma.product.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  await prisma.bookCategory.createMany({
    data: [
      ...books.map((book) => ({ productId: book.id, categoryId: first?.id ?? "" })),
      { productId: books[0]?.id ?? "", categoryId: second?.id ?? "" },
    ],
  });
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DownloadStore } from "@/lib/downloads/download-store";
import { DEMO } from "../helpers/http-session";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";

// The download path's two implementations must agree: SQLite's prepared statements (used on SQLite)
// and Prisma's (used on any other database).
let store: TestEnvironment;
let db: StoreDb;
let stores: Record<"sqlite" | "prisma", DownloadStore>;

beforeAll(async () => {
  store = prepareTestEnvironment("download-store");
  process.env.DATABASE_URL = store.env.DATABASE_URL;
  db = new StoreDb(store.env.DATABASE_URL);
  const { createSqliteDownloadStore } = await import("@/lib/downloads/sqlite-download-store");
  const { prismaDownloadStore } = await import("@/lib/downloads/download-store");
  stores = { sqlite: createSqliteDownloadStore(store.env.DATABASE_URL.slice(5)), prisma: prismaDownloadStore() };
});
afterAll(() => db?.close());

describe.each(["sqlite", "prisma"] as const)("%s download store", (name) => {
  it("reads a grant joined to its order and file, dates as dates", async () => {
    const file = db.file("Field Notes on Typography.epub");
    const expires = new Date("2031-01-02T03:04:05.678Z");
    const grantId = db.createGrant({
      email: DEMO.reader.email,
      fileId: file.id,
      productId: file.productId,
      limit: 2,
      expiresAt: expires,
    });
    expect(await stores[name].findGrant(grantId)).toEqual({
      grantId,
      downloadsUsed: 0,
      downloadLimit: 2,
      expiresAt: expires,
      revokedAt: null,
      revokedReason: null,
      lastCountedAt: null,
      orderStatus: "PAID",
      ownerId: db.userId(DEMO.reader.email),
      ownerSessionVersion: (
        db.sql.prepare(`SELECT sessionVersion FROM "User" WHERE email = ?`).get(DEMO.reader.email) as {
          sessionVersion: number;
        }
      ).sessionVersion,
      fileVersion: 1,
      storageKey: file.storageKey,
      displayName: "Field Notes on Typography.epub",
      contentType: "application/epub+zip",
    });
    expect(await stores[name].findGrant("missing")).toBeNull();
  });

  it("counts up to the limit and not past it, and never for a revoked grant", async () => {
    const file = db.file("Field Notes on Typography.pdf");
    const grantId = db.createGrant({ email: DEMO.reader.email, fileId: file.id, productId: file.productId, limit: 2 });
    expect([
      await stores[name].consume(grantId, new Date()),
      await stores[name].consume(grantId, new Date()),
      await stores[name].consume(grantId, new Date()),
    ]).toEqual([true, true, false]);
    expect(db.grant(grantId).downloadsUsed).toBe(2);
    const revoked = db.createGrant({
      email: DEMO.reader.email,
      fileId: file.id,
      productId: file.productId,
      limit: null,
    });
    db.revoke(revoked);
    expect(await stores[name].consume(revoked, new Date())).toBe(false);
  });

  it("records when a download counted, and reads it back as a date", async () => {
    const file = db.file("Field Notes on Typography.pdf");
    const grantId = db.createGrant({ email: DEMO.reader.email, fileId: file.id, productId: file.productId, limit: 1 });
    const at = new Date("2026-12-02T10:11:12.345Z");
    expect(await stores[name].consume(grantId, at)).toBe(true);
    expect((await stores[name].findGrant(grantId))?.lastCountedAt).toEqual(at);
    expect(await stores[name].consume(grantId, new Date())).toBe(false);
    expect((await stores[name].findGrant(grantId))?.lastCountedAt).toEqual(at);
  });

  it("reads the owner's session version, and null for an order without an account", async () => {
    const file = db.file("Field Notes on Typography.pdf");
    const owned = db.createGrant({ email: DEMO.reader.email, fileId: file.id, productId: file.productId });
    const guest = db.createGrant({ email: DEMO.reader.email, fileId: file.id, productId: file.productId });
    db.sql
      .prepare(
        `UPDATE "Order" SET userId = NULL WHERE id = (SELECT i.orderId FROM DownloadGrant g JOIN OrderItem i ON i.id = g.orderItemId WHERE g.id = ?)`,
      )
      .run(guest);
    const version = (
      db.sql.prepare(`SELECT sessionVersion FROM "User" WHERE email = ?`).get(DEMO.reader.email) as {
        sessionVersion: number;
      }
    ).sessionVersion;
    db.sql.prepare(`UPDATE "User" SET sessionVersion = ? WHERE email = ?`).run(version + 3, DEMO.reader.email);
    expect((await stores[name].findGrant(owned))?.ownerSessionVersion).toBe(version + 3);
    expect(await stores[name].findGrant(guest)).toMatchObject({ ownerId: null, ownerSessionVersion: null });
  });

  it("logs an event that Prisma reads back", async () => {
    const file = db.file("Field Notes on Typography.pdf");
    const grantId = db.createGrant({ email: DEMO.reader.email, fileId: file.id, productId: file.productId });
    await stores[name].log({
      grantId,
      userId: null,
      fileVersion: 1,
      ip: "203.0.113.5",
      userAgent: "x".repeat(600),
      range: "bytes=0-",
      backend: name,
      outcome: "ALLOWED",
    });
    const { db: prismaDb } = await import("@/lib/db/client");
    const events = await (await prismaDb()).downloadEvent.findMany({ where: { grantId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      ip: "203.0.113.5",
      range: "bytes=0-",
      backend: name,
      outcome: "ALLOWED",
      fileVersion: 1,
    });
    expect(events[0].userAgent).toHaveLength(512);
    expect(events[0].createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});

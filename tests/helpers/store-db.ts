import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";

/**
 * Direct access to a test store's SQLite file, to arrange states the UI would take many steps to reach.
 * Opened on first use, so a store on PostgreSQL (BINDERY_TEST_DB=postgresql) can still be started by
 * helpers that create one; a suite that reads through it then fails with a clear message.
 */
export class StoreDb {
  #sql: Database.Database | undefined;

  constructor(private readonly databaseUrl: string) {}

  get sql(): Database.Database {
    if (!this.databaseUrl.startsWith("file:"))
      throw new Error("StoreDb reads SQLite stores only: this suite arranges its data in SQL of SQLite's dialect");
    if (!this.#sql) {
      this.#sql = new Database(this.databaseUrl.slice("file:".length));
      this.#sql.pragma("busy_timeout = 5000");
    }
    return this.#sql;
  }

  close() {
    this.#sql?.close();
  }

  userId(email: string): string {
    return (this.sql.prepare(`SELECT id FROM "User" WHERE email = ?`).get(email) as { id: string }).id;
  }

  file(displayName: string): { id: string; productId: string; storageKey: string; sha256: string; size: number } {
    return this.sql
      .prepare(`SELECT id, productId, storageKey, sha256, size FROM ProductFile WHERE displayName = ?`)
      .get(displayName) as never;
  }

  /** A paid order of one item with one grant for `fileId`, owned by `email`; returns the grant id. */
  createGrant(options: {
    email: string;
    fileId: string;
    productId: string;
    limit?: number | null;
    expiresAt?: Date | null;
    orderStatus?: string;
  }): string {
    const now = new Date().toISOString();
    const orderId = `ord_${randomUUID()}`;
    const itemId = `itm_${randomUUID()}`;
    const grantId = `grt_${randomUUID().replaceAll("-", "")}`;
    this.sql.transaction(() => {
      this.sql
        .prepare(
          `INSERT INTO "Order" (id, email, userId, status, currency, subtotalCents, totalCents, paidAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'usd', 100, 100, ?, ?, ?)`,
        )
        .run(orderId, options.email, this.userId(options.email), options.orderStatus ?? "PAID", now, now, now);
      this.sql
        .prepare(`INSERT INTO OrderItem (id, orderId, productId, title, unitPriceCents) VALUES (?, ?, ?, 'Test', 100)`)
        .run(itemId, orderId, options.productId);
      this.sql
        .prepare(
          `INSERT INTO DownloadGrant (id, orderItemId, productFileId, downloadsUsed, downloadLimit, expiresAt, createdAt) VALUES (?, ?, ?, 0, ?, ?, ?)`,
        )
        .run(
          grantId,
          itemId,
          options.fileId,
          options.limit === undefined ? 5 : options.limit,
          options.expiresAt?.toISOString() ?? null,
          now,
        );
    })();
    return grantId;
  }

  grant(id: string): { downloadsUsed: number; revokedAt: string | null; lastCountedAt: string | null } {
    return this.sql
      .prepare(`SELECT downloadsUsed, revokedAt, lastCountedAt FROM DownloadGrant WHERE id = ?`)
      .get(id) as never;
  }

  /** Sets a grant's count and the time of its last counted download (null: never counted). */
  setCounted(grantId: string, downloadsUsed: number, lastCountedAt: Date | null) {
    this.sql
      .prepare(`UPDATE DownloadGrant SET downloadsUsed = ?, lastCountedAt = ? WHERE id = ?`)
      .run(downloadsUsed, lastCountedAt?.toISOString().replace("Z", "+00:00") ?? null, grantId);
  }

  revoke(grantId: string, reason = "refund") {
    this.sql
      .prepare(`UPDATE DownloadGrant SET revokedAt = ?, revokedReason = ? WHERE id = ?`)
      .run(new Date().toISOString(), reason, grantId);
  }

  events(
    grantId: string,
  ): { outcome: string; ip: string | null; userAgent: string | null; range: string | null; backend: string }[] {
    return this.sql
      .prepare(`SELECT outcome, ip, userAgent, range, backend FROM DownloadEvent WHERE grantId = ? ORDER BY createdAt`)
      .all(grantId) as never;
  }

  /** Adds a file under an arbitrary storage key (as an import would) to an existing book. */
  addFile(productId: string, storageKey: string, displayName: string, size: number, sha256: string): string {
    const id = `fil_${randomUUID()}`;
    this.sql
      .prepare(
        `INSERT INTO ProductFile (id, productId, displayName, storageKey, size, sha256, contentType, version, active, createdAt) VALUES (?, ?, ?, ?, ?, ?, 'application/pdf', 1, 1, ?)`,
      )
      .run(id, productId, displayName, storageKey, size, sha256, new Date().toISOString());
    return id;
  }

  setStorageKey(fileId: string, storageKey: string) {
    this.sql.prepare(`UPDATE ProductFile SET storageKey = ? WHERE id = ?`).run(storageKey, fileId);
  }
}

import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { StoreDb } from "../store-db";

/** Names an import may bring, each a trap for some server's decoding of the offload header. */
export const AWKWARD_NAMES = ["a b", "100%", "%41", "q?", "h#", "é", "日本語", "..foo"] as const;

export interface ImportedFile {
  storageKey: string;
  displayName: string;
  bytes: Buffer;
  sha256: string;
  grantId: string;
}

/**
 * Writes `imported/<name>.pdf` under PROTECTED_ROOT, adds it to a book the reader owns, and gives the
 * reader an unlimited grant for it (the suites download each file many times).
 */
export function importFile(db: StoreDb, protectedRoot: string, name: string, size: number): ImportedFile {
  const storageKey = `imported/${name}.pdf`;
  // A PDF header, the name, then random bytes: every file differs, so a server that opens the
  // wrong one is caught by the hash.
  const bytes = Buffer.concat([Buffer.from(`%PDF-1.4\n% ${name}\n`), randomBytes(size)]);
  const file = path.join(protectedRoot, storageKey);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const productId = readerProductId(db);
  const fileId = db.addFile(productId, storageKey, `${name}.pdf`, bytes.length, sha256);
  const grantId = db.createGrant({ email: "reader@example.com", fileId, productId, limit: null });
  return { storageKey, displayName: `${name}.pdf`, bytes, sha256, grantId };
}

function readerProductId(db: StoreDb): string {
  const row = db.sql
    .prepare(
      `SELECT oi.productId AS productId FROM OrderItem oi JOIN "Order" o ON o.id = oi.orderId JOIN "User" u ON u.id = o.userId WHERE u.email = ? LIMIT 1`,
    )
    .get("reader@example.com") as { productId: string } | undefined;
  if (!row) throw new Error("the seeded reader owns no book");
  return row.productId;
}

export interface SeededGrant {
  grantId: string;
  storageKey: string;
  displayName: string;
  contentType: string;
  sha256: string;
  size: number;
}

/** The reader's seeded grants, as the seed created them (each with the store's download limit). */
export function seededGrants(db: StoreDb): SeededGrant[] {
  return db.sql
    .prepare(
      `SELECT g.id AS grantId, f.storageKey, f.displayName, f.contentType, f.sha256, f.size
       FROM DownloadGrant g JOIN ProductFile f ON f.id = g.productFileId
       WHERE f.storageKey NOT LIKE 'imported/%' ORDER BY f.size DESC`,
    )
    .all() as SeededGrant[];
}

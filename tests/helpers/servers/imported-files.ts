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
export async function importFile(
  db: StoreDb,
  protectedRoot: string,
  name: string,
  size: number,
): Promise<ImportedFile> {
  const storageKey = `imported/${name}.pdf`;
  // A PDF header, the name, then random bytes: every file differs, so a server that opens the
  // wrong one is caught by the hash.
  const bytes = Buffer.concat([Buffer.from(`%PDF-1.4\n% ${name}\n`), randomBytes(size)]);
  const file = path.join(protectedRoot, storageKey);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const productId = await readerProductId(db);
  const fileId = await db.addFile(productId, storageKey, `${name}.pdf`, bytes.length, sha256);
  const grantId = await db.createGrant({ email: "reader@example.com", fileId, productId, limit: null });
  return { storageKey, displayName: `${name}.pdf`, bytes, sha256, grantId };
}

async function readerProductId(db: StoreDb): Promise<string> {
  const item = await db.prisma.orderItem.findFirst({
    where: { order: { user: { email: "reader@example.com" } } },
    select: { productId: true },
  });
  if (!item) throw new Error("the seeded reader owns no book");
  return item.productId;
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
export async function seededGrants(db: StoreDb): Promise<SeededGrant[]> {
  const grants = await db.prisma.downloadGrant.findMany({
    where: { productFile: { storageKey: { not: { startsWith: "imported/" } } } },
    orderBy: { productFile: { size: "desc" } },
    select: {
      id: true,
      productFile: { select: { storageKey: true, displayName: true, contentType: true, sha256: true, size: true } },
    },
  });
  return grants.map(({ id, productFile }) => ({ grantId: id, ...productFile }));
}

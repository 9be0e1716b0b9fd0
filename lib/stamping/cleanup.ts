import "server-only";
import { readdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { removeStoredCopy } from "./stamped-copies";

export interface StampedDiskUse {
  copies: number;
  bytes: number;
  failed: number;
}

/** What the stamped copies take on disk, and how many books could not be stamped (admin dashboard). */
export async function stampedDiskUse(): Promise<StampedDiskUse> {
  const prisma = await db();
  const [ready, failed] = await Promise.all([
    prisma.stampedCopy.aggregate({ where: { status: "READY" }, _count: { _all: true }, _sum: { size: true } }),
    prisma.stampedCopy.count({ where: { status: "FAILED" } }),
  ]);
  return { copies: ready._count._all, bytes: ready._sum.size ?? 0, failed };
}

/**
 * Deletes the stamped copies of revoked grants, rows and files: a buyer who lost access keeps no copy
 * on the shop's disk. Access given back later makes a fresh copy on the next download.
 */
export async function discardRevokedCopies(): Promise<number> {
  const prisma = await db();
  const copies = await prisma.stampedCopy.findMany({
    where: { grant: { revokedAt: { not: null } } },
    select: { id: true, storageKey: true },
  });
  for (const copy of copies) {
    // Row first: a download racing this sees no copy (and is refused as revoked anyway).
    await prisma.stampedCopy.deleteMany({ where: { id: copy.id } });
    if (copy.storageKey) await removeStoredCopy(copy.storageKey);
  }
  return copies.length;
}

/** After a change that revoked grants: the copies go in the background, never failing the change. */
export function discardRevokedCopiesSoon(): void {
  void discardRevokedCopies().catch((error: unknown) =>
    console.error("[stamping] deleting the copies of revoked grants failed:", error),
  );
}

/** Drops every stamped copy of a book (its stamp options changed): each is made again on its next download. */
export async function discardCopiesOfBook(bookId: string): Promise<number> {
  const prisma = await db();
  const copies = await prisma.stampedCopy.findMany({
    where: { grant: { productFile: { productId: bookId } } },
    select: { id: true, storageKey: true },
  });
  await prisma.stampedCopy.deleteMany({ where: { id: { in: copies.map((copy) => copy.id) } } });
  for (const copy of copies) if (copy.storageKey) await removeStoredCopy(copy.storageKey);
  return copies.length;
}

// A file younger than this may belong to a copy whose row is not written yet (stamping writes the file,
// then marks the row READY): it is left for the next run.
const ORPHAN_MIN_AGE_MS = 60 * 60_000;

export interface CleanupReport {
  revoked: number;
  orphanFiles: number;
  orphanBytes: number;
}

/**
 * The cleanup (`npm run stamps:cleanup`, the admin dashboard's button): copies of revoked grants, then
 * files under PROTECTED_ROOT/stamped/ that no copy names (left by a crash, or by a row deleted before
 * its file).
 */
export async function cleanUpStampedCopies(now = Date.now()): Promise<CleanupReport> {
  const revoked = await discardRevokedCopies();
  const prisma = await db();
  const root = getConfig().protectedRoot;
  const known = new Set(
    (await prisma.stampedCopy.findMany({ where: { storageKey: { not: null } }, select: { storageKey: true } })).map(
      (copy) => copy.storageKey,
    ),
  );
  let orphanFiles = 0;
  let orphanBytes = 0;
  for (const file of await filesUnder(path.join(root, "stamped"))) {
    const key = path.relative(root, file).split(path.sep).join("/");
    if (known.has(key)) continue;
    const info = await stat(file).catch(() => null);
    if (!info || now - info.mtimeMs < ORPHAN_MIN_AGE_MS) continue;
    await unlink(file).catch(() => undefined);
    orphanFiles += 1;
    orphanBytes += info.size;
  }
  return { revoked, orphanFiles, orphanBytes };
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

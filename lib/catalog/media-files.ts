import "server-only";
import { unlink } from "node:fs/promises";
import type { PrismaClient } from "@prisma/client";
import { recordAudit } from "@/lib/admin/audit";
import type { AuditAction } from "@/lib/admin/audit-actions";
import { getConfig } from "@/lib/config";
import { resolveConfinedPath } from "@/lib/sendfile";

/** An upload of a book's public file, as its route hands it over. */
export interface MediaUpload {
  actorId: string;
  bookId: string;
  body: ReadableStream<Uint8Array> | null;
  declaredLength: number | null;
  signal?: AbortSignal;
}

/** A book's public files under MEDIA_ROOT, one column each. */
export type MediaField = "coverPath" | "samplePath";

/**
 * Points the book's `field` at `path` and audits it, reading the file it replaces in the same
 * transaction: of two racing uploads, each then removes the file it really replaced, and none is left
 * orphaned. Returns the replaced path (null when there was none).
 */
export async function recordMediaReplacement(
  prisma: PrismaClient,
  change: {
    bookId: string;
    actorId: string;
    field: MediaField;
    path: string;
    /** Recorded with the path: a cover's size. */
    size?: { coverWidth: number; coverHeight: number };
    action: AuditAction;
    details: Record<string, unknown>;
  },
): Promise<string | null> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.product.findUniqueOrThrow({
      where: { id: change.bookId },
      select: { coverPath: true, samplePath: true },
    });
    const from = before[change.field];
    await tx.product.update({ where: { id: change.bookId }, data: { [change.field]: change.path, ...change.size } });
    await recordAudit(tx, {
      actorId: change.actorId,
      action: change.action,
      targetType: "Product",
      targetId: change.bookId,
      details: { from, to: change.path, ...change.details },
    });
    return from;
  });
}

/** Removes a replaced media file, confined to MEDIA_ROOT; one that is already gone is fine. */
export async function removeMediaFile(path: string): Promise<void> {
  const resolved = await resolveConfinedPath(getConfig().mediaRoot, path).catch(() => null);
  if (resolved) await unlink(resolved.absolutePath).catch(() => undefined);
}

import "server-only";
import { randomUUID } from "node:crypto";
import { unlink } from "node:fs/promises";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/admin/audit";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { resolveConfinedPath } from "@/lib/sendfile";
import { imageSize } from "@/lib/storage/image-size";
import { sniffImageType } from "@/lib/storage/sniff";
import { receiveUpload } from "@/lib/storage/upload";

export const COVER_RULES = { maxBytes: 5 * 1024 * 1024, minSide: 200, maxSide: 4000 } as const;

// A JPEG's size sits after its metadata segments (EXIF, ICC profile); 512 KB covers real-world files.
const COVER_HEAD_BYTES = 512 * 1024;

export interface CoverUpload {
  actorId: string;
  bookId: string;
  body: ReadableStream<Uint8Array> | null;
  declaredLength: number | null;
  signal?: AbortSignal;
}

/** Removes a replaced cover, confined to MEDIA_ROOT; a cover that is already gone is fine. */
async function removeOldCover(coverPath: string): Promise<void> {
  const resolved = await resolveConfinedPath(getConfig().mediaRoot, coverPath).catch(() => null);
  if (resolved) await unlink(resolved.absolutePath).catch(() => undefined);
}

/**
 * Replaces a book's cover with an uploaded PNG, JPEG or WebP (checked by content, at most 5 MB,
 * 200–4000 px per side), stored under MEDIA_ROOT/covers/ with a generated name. The old cover file
 * is removed only once the new one is recorded. Returns the new cover's path under MEDIA_ROOT.
 */
export async function replaceCover(input: CoverUpload): Promise<string> {
  const prisma = await db();
  const book = await prisma.product.findUnique({ where: { id: input.bookId }, select: { id: true } });
  if (!book) throw new NotFoundError("No such book.");

  const result = await receiveUpload(
    input.body,
    {
      root: getConfig().mediaRoot,
      maxBytes: COVER_RULES.maxBytes,
      detectType: sniffImageType,
      refusal: "Covers must be PNG, JPEG or WebP images.",
      headBytes: COVER_HEAD_BYTES,
      declaredLength: input.declaredLength,
      signal: input.signal,
    },
    async (upload) => {
      const size = imageSize(upload.head, upload.type.contentType);
      if (!size) throw new ValidationError(`This ${upload.type.label} image's size could not be read.`);
      const { minSide, maxSide } = COVER_RULES;
      if ([size.width, size.height].some((side) => side < minSide || side > maxSide)) {
        throw new ValidationError(
          `A cover must be ${minSide}–${maxSide} pixels on each side; this one is ${size.width} × ${size.height}.`,
        );
      }
      const path = `covers/${randomUUID().replaceAll("-", "")}.${upload.type.extension}`;
      await upload.commit(path);
      // The replaced cover is read in the transaction that replaces it: of two racing uploads, each
      // removes the file it really replaced, and none is left orphaned.
      const replaced = await prisma.$transaction(async (tx) => {
        const { coverPath: from } = await tx.product.findUniqueOrThrow({
          where: { id: book.id },
          select: { coverPath: true },
        });
        await tx.product.update({ where: { id: book.id }, data: { coverPath: path } });
        await recordAudit(tx, {
          actorId: input.actorId,
          action: "book.cover",
          targetType: "Product",
          targetId: book.id,
          details: { from, to: path, width: size.width, height: size.height, bytes: upload.size },
        });
        return from;
      });
      return { path, replaced };
    },
  );
  if (result.replaced) await removeOldCover(result.replaced);
  return result.path;
}

import "server-only";
import { randomUUID } from "node:crypto";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { imageSize } from "@/lib/storage/image-size";
import { sniffImageType } from "@/lib/storage/sniff";
import { receiveUpload } from "@/lib/storage/upload";
import { makeCoverVariants, removeCoverVariants } from "./cover-images";
import { type MediaUpload, recordMediaReplacement, removeMediaFile } from "./media-files";

export const COVER_RULES = { maxBytes: 5 * 1024 * 1024, minSide: 200, maxSide: 4000 } as const;

// A JPEG's size sits after its metadata segments (EXIF, ICC profile); 512 KB covers real-world files.
const COVER_HEAD_BYTES = 512 * 1024;

export type CoverUpload = MediaUpload;

/**
 * Replaces a book's cover with an uploaded PNG, JPEG or WebP (checked by content, at most 5 MB,
 * 200–4000 px per side), stored under MEDIA_ROOT/covers/ with a generated name, with its AVIF and WebP
 * copies beside it (cover-variants.ts) and its size on the book. The old cover and its copies are removed
 * only once the new one is recorded. Returns the new cover's path under MEDIA_ROOT.
 */
export async function replaceCover(input: CoverUpload): Promise<string> {
  const prisma = await db();
  const book = await prisma.product.findUnique({ where: { id: input.bookId }, select: { id: true } });
  if (!book) throw new NotFoundError("No such book.");
  const mediaRoot = getConfig().mediaRoot;

  const result = await receiveUpload(
    input.body,
    {
      root: mediaRoot,
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
      try {
        // The size as shown: an EXIF orientation may turn the stored one.
        const shown = await makeCoverVariants(mediaRoot, path);
        const replaced = await recordMediaReplacement(prisma, {
          bookId: book.id,
          actorId: input.actorId,
          field: "coverPath",
          path,
          size: { coverWidth: shown.width, coverHeight: shown.height },
          action: "book.cover",
          details: { width: shown.width, height: shown.height, bytes: upload.size },
        });
        return { path, replaced };
      } catch (error) {
        // receiveUpload removes the committed original; its copies are ours to remove.
        await removeCoverVariants(mediaRoot, path);
        throw error;
      }
    },
  );
  if (result.replaced) {
    await removeMediaFile(result.replaced);
    await removeCoverVariants(mediaRoot, result.replaced);
  }
  return result.path;
}

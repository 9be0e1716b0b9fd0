import "server-only";
import { randomUUID } from "node:crypto";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { sniffSellableType } from "@/lib/storage/sniff";
import { receiveUpload } from "@/lib/storage/upload";
import { type MediaUpload, recordMediaReplacement, removeMediaFile } from "./media-files";

/** An excerpt, not the book: 20 MB is plenty, and it is public. */
export const SAMPLE_MAX_BYTES = 20 * 1024 * 1024;

export type SampleUpload = MediaUpload;

/**
 * Replaces a book's free sample with an uploaded PDF or EPUB (checked by content), stored under
 * MEDIA_ROOT/samples/ with a generated name: public, served by the web server like a cover, never from
 * PROTECTED_ROOT. The replaced file is removed once the new one is recorded. Returns the new path.
 */
export async function replaceSample(input: SampleUpload): Promise<string> {
  const prisma = await db();
  const book = await prisma.product.findUnique({ where: { id: input.bookId }, select: { id: true } });
  if (!book) throw new NotFoundError("No such book.");
  const result = await receiveUpload(
    input.body,
    {
      root: getConfig().mediaRoot,
      maxBytes: SAMPLE_MAX_BYTES,
      detectType: sniffSellableType,
      refusal: "A sample must be a PDF or an EPUB.",
      declaredLength: input.declaredLength,
      signal: input.signal,
    },
    async (upload) => {
      const path = `samples/${randomUUID().replaceAll("-", "")}.${upload.type.extension}`;
      await upload.commit(path);
      const replaced = await recordMediaReplacement(prisma, {
        bookId: book.id,
        actorId: input.actorId,
        field: "samplePath",
        path,
        action: "book.sample",
        details: { bytes: upload.size },
      });
      return { path, replaced };
    },
  );
  if (result.replaced) await removeMediaFile(result.replaced);
  return result.path;
}

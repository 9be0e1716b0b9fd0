import "server-only";
import { randomUUID } from "node:crypto";
import { unlink } from "node:fs/promises";
import { recordAudit } from "@/lib/admin/audit";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { resolveConfinedPath } from "@/lib/sendfile";
import { sniffSellableType } from "@/lib/storage/sniff";
import { receiveUpload } from "@/lib/storage/upload";

/** An excerpt, not the book: 20 MB is plenty, and it is public. */
export const SAMPLE_MAX_BYTES = 20 * 1024 * 1024;

export interface SampleUpload {
  actorId: string;
  bookId: string;
  body: ReadableStream<Uint8Array> | null;
  declaredLength: number | null;
  signal?: AbortSignal;
}

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
      const replaced = await prisma.$transaction(async (tx) => {
        const { samplePath: from } = await tx.product.findUniqueOrThrow({
          where: { id: book.id },
          select: { samplePath: true },
        });
        await tx.product.update({ where: { id: book.id }, data: { samplePath: path } });
        await recordAudit(tx, {
          actorId: input.actorId,
          action: "book.sample",
          targetType: "Product",
          targetId: book.id,
          details: { from, to: path, bytes: upload.size },
        });
        return from;
      });
      return { path, replaced };
    },
  );
  if (result.replaced) {
    const old = await resolveConfinedPath(getConfig().mediaRoot, result.replaced).catch(() => null);
    if (old) await unlink(old.absolutePath).catch(() => undefined);
  }
  return result.path;
}

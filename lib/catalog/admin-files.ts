import "server-only";
import path from "node:path";
import type { ProductFile } from "@prisma/client";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { recordAudit } from "@/lib/admin/audit";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { grantFileToPastBuyers } from "@/lib/orders/grant-new-version";
import { generateStorageKey } from "@/lib/storage/keys";
import { sniffSellableType } from "@/lib/storage/sniff";
import { receiveUpload, type PendingUpload } from "@/lib/storage/upload";
import type { AdminFile } from "./admin-book-queries";
import { displayNameFor } from "./admin-file-name";
import { countPdfFilePages } from "./pdf-pages";

export interface FileUpload {
  actorId: string;
  bookId: string;
  /** The name the browser gave the file; a new version keeps the name of the one it replaces. */
  fileName: string;
  replacesId?: string;
  body: ReadableStream<Uint8Array> | null;
  declaredLength: number | null;
  signal?: AbortSignal;
}

export interface AddedFile extends Pick<
  AdminFile,
  "id" | "displayName" | "version" | "size" | "sha256" | "contentType"
> {
  grantedToPastBuyers: number;
}

const REFUSAL = "Only PDF and EPUB files can be sold. This file's content is neither, whatever its name says.";

async function currentVersionOf(bookId: string, fileId: string): Promise<ProductFile> {
  const prisma = await db();
  const file = await prisma.productFile.findFirst({ where: { id: fileId, productId: bookId } });
  if (!file) throw new NotFoundError("No such file for this book.");
  if (file.supersededAt)
    throw new ConflictError(`Version ${file.version} was already replaced: upload a new version of the latest one.`);
  return file;
}

async function recordFile(
  upload: PendingUpload,
  input: FileUpload,
  previous: ProductFile | null,
): Promise<ProductFile> {
  const storageKey = generateStorageKey(upload.type.extension);
  await upload.commit(storageKey);
  // For the book page ("PDF · 312 pages"); a PDF that cannot be counted still sells.
  const pageCount =
    upload.type.contentType === "application/pdf"
      ? await countPdfFilePages(path.join(getConfig().protectedRoot, storageKey))
      : null;
  const prisma = await db();
  const data = {
    productId: input.bookId,
    displayName: displayNameFor(previous?.displayName ?? input.fileName, upload.type.extension),
    storageKey,
    size: upload.size,
    sha256: upload.sha256,
    contentType: upload.type.contentType,
    pageCount,
    version: previous ? previous.version + 1 : 1,
    lineageId: previous ? (previous.lineageId ?? previous.id) : null,
  };
  try {
    return await prisma.$transaction(async (tx) => {
      if (previous) {
        // Conditional, so two uploads racing to replace the same version cannot both win.
        const replaced = await tx.productFile.updateMany({
          where: { id: previous.id, supersededAt: null },
          data: { supersededAt: new Date(), active: false },
        });
        if (replaced.count !== 1)
          throw new ConflictError("Another version of this file was uploaded meanwhile: reload the page.");
      }
      const file = await tx.productFile.create({ data });
      await recordAudit(tx, {
        actorId: input.actorId,
        action: previous ? "file.new_version" : "file.upload",
        targetType: "ProductFile",
        targetId: file.id,
        details: {
          bookId: input.bookId,
          displayName: file.displayName,
          version: file.version,
          size: file.size,
          sha256: file.sha256,
          pageCount: file.pageCount,
          replaces: previous?.id ?? null,
        },
      });
      return file;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError("Another version of this file was uploaded meanwhile: reload the page.");
    }
    throw error;
  }
}

/**
 * Receives a protected file for a book (streamed to disk, type checked by content, size-limited) and
 * records it, as a new file or as the next version of `replacesId`. Past buyers then receive it when
 * the book says so. A failure at any step leaves neither a file nor a row.
 */
export async function addBookFile(input: FileUpload): Promise<AddedFile> {
  const prisma = await db();
  const book = await prisma.product.findUnique({ where: { id: input.bookId }, select: { id: true } });
  if (!book) throw new NotFoundError("No such book.");
  const previous = input.replacesId ? await currentVersionOf(input.bookId, input.replacesId) : null;
  const config = getConfig();

  const file = await receiveUpload(
    input.body,
    {
      root: config.protectedRoot,
      maxBytes: config.uploads.maxBytes,
      detectType: sniffSellableType,
      refusal: REFUSAL,
      declaredLength: input.declaredLength,
      signal: input.signal,
    },
    (upload) => recordFile(upload, input, previous),
  );

  const granted = await grantFileToPastBuyers(file.id);
  if (granted > 0) {
    await recordAudit(prisma, {
      actorId: input.actorId,
      action: "file.granted_to_past_buyers",
      targetType: "ProductFile",
      targetId: file.id,
      details: { grants: granted },
    });
  }
  const { id, displayName, version, size, sha256, contentType } = file;
  return { id, displayName, version, size, sha256, contentType, grantedToPastBuyers: granted };
}

/** Deactivating hides a file from new buyers; grants already given keep working. */
export async function setFileActive(actorId: string, fileId: string, active: boolean): Promise<void> {
  const prisma = await db();
  const file = await prisma.productFile.findUnique({ where: { id: fileId } });
  if (!file) throw new NotFoundError("No such file.");
  if (active && file.supersededAt)
    throw new ConflictError("An earlier version cannot be offered again: upload it as a new version instead.");
  if (file.active === active) return;
  await prisma.$transaction(async (tx) => {
    await tx.productFile.update({ where: { id: fileId }, data: { active } });
    const book = await tx.product.findUniqueOrThrow({
      where: { id: file.productId },
      include: { _count: { select: { files: { where: { active: true } } } } },
    });
    if (book.published && book._count.files === 0) {
      throw new ConflictError(
        "This is the book's last file on sale: unpublish the book first, or upload another file.",
      );
    }
    await recordAudit(tx, {
      actorId,
      action: active ? "file.reactivate" : "file.deactivate",
      targetType: "ProductFile",
      targetId: fileId,
      details: { bookId: file.productId, displayName: file.displayName, version: file.version },
    });
  });
}

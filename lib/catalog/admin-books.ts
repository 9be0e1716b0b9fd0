import "server-only";
import type { Product } from "@prisma/client";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { recordAudit } from "@/lib/admin/audit";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { BookInput } from "./admin-book-form";
import { setBookShelves } from "./categories";
import { discardCopiesOfBook } from "@/lib/stamping/cleanup";

const SLUG_TAKEN = "Another book already uses this slug: choose another.";

/** The fields of `after` that differ from `before`, as [before, after] pairs for the audit log. */
function changesBetween(before: Product, after: BookInput): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as (keyof BookInput)[]) {
    if (before[key] !== after[key]) changes[key] = [before[key], after[key]];
  }
  return changes;
}

/** A new book, as an unpublished draft, on the shelves chosen. Returns its id. */
export async function createBook(actorId: string, input: BookInput, categoryIds: string[] = []): Promise<string> {
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const book = await tx.product.create({ data: { ...input, published: false } });
      await recordAudit(tx, {
        actorId,
        action: "book.create",
        targetType: "Product",
        targetId: book.id,
        details: { ...input },
      });
      if (categoryIds.length > 0) await setBookShelves(tx, actorId, book.id, categoryIds);
      return book.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(SLUG_TAKEN);
    throw error;
  }
}

/** Saves the book form and its shelves; each audit entry lists what changed. */
export async function updateBook(
  actorId: string,
  bookId: string,
  input: BookInput,
  categoryIds: string[] = [],
): Promise<void> {
  const prisma = await db();
  try {
    const stampChanged = await prisma.$transaction(async (tx) => {
      const before = await tx.product.findUnique({ where: { id: bookId } });
      if (!before) throw new NotFoundError("No such book.");
      await setBookShelves(tx, actorId, bookId, categoryIds);
      const changes = changesBetween(before, input);
      if (Object.keys(changes).length === 0) return false;
      await tx.product.update({ where: { id: bookId }, data: input });
      await recordAudit(tx, {
        actorId,
        action: "book.update",
        targetType: "Product",
        targetId: bookId,
        details: { changes },
      });
      return "stampCopies" in changes || "stampNoticePage" in changes;
    });
    // Buyers' copies carry the old stamp: each is made again on its next download.
    if (stampChanged) await discardCopiesOfBook(bookId);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(SLUG_TAKEN);
    throw error;
  }
}

/** Publishing needs a file on sale: a buyer must get something for their money. */
export async function setBookPublished(actorId: string, bookId: string, published: boolean): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const book = await tx.product.findUnique({
      where: { id: bookId },
      include: { _count: { select: { files: { where: { active: true } } } } },
    });
    if (!book) throw new NotFoundError("No such book.");
    if (book.published === published) return;
    if (published && book._count.files === 0)
      throw new ValidationError("Upload at least one file before publishing: buyers must get something.");
    await tx.product.update({ where: { id: bookId }, data: { published } });
    await recordAudit(tx, {
      actorId,
      action: published ? "book.publish" : "book.unpublish",
      targetType: "Product",
      targetId: bookId,
    });
  });
}

import "server-only";
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { recordAudit } from "@/lib/admin/audit";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { slugify } from "./admin-book-form";

export const categoryNameSchema = z
  .string()
  .trim()
  .min(1, "Give the shelf a name.")
  .max(80, "A shelf's name is at most 80 characters.");

const categoryIdsSchema = z.array(z.string().min(1).max(64)).max(100);

/** The shelves ticked on a book form (one checkbox per shelf, each named categoryId). */
export function chosenShelves(formData: FormData): string[] {
  const chosen = categoryIdsSchema.safeParse(formData.getAll("categoryId"));
  if (!chosen.success) throw new ValidationError("Choose at most 100 shelves from the list.");
  return chosen.data;
}

const NAME_TAKEN = "Another shelf already has this name.";

export interface Shelf {
  id: string;
  slug: string;
  name: string;
  /** Published books on it. */
  books: number;
}

/** Every shelf by name, with how many published books it holds. */
export async function listShelves(): Promise<Shelf[]> {
  const prisma = await db();
  const rows = await prisma.category.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      _count: { select: { books: { where: { product: { published: true } } } } },
    },
  });
  return rows.map(({ _count, ...shelf }) => ({ ...shelf, books: _count.books }));
}

export async function shelfBySlug(slug: string): Promise<{ id: string; slug: string; name: string } | null> {
  const prisma = await db();
  return prisma.category.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
}

/** A new shelf; its address is made from its name once and kept when it is renamed. */
export async function createShelf(actorId: string, name: string): Promise<void> {
  const slug = slugify(name);
  if (!slug) throw new ValidationError("The name needs a letter or a digit.");
  const prisma = await db();
  try {
    await prisma.$transaction(async (tx) => {
      const shelf = await tx.category.create({ data: { name, slug } });
      await audit(tx, actorId, "category.create", shelf.id, { name, slug });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(NAME_TAKEN);
    throw error;
  }
}

export async function renameShelf(actorId: string, id: string, name: string): Promise<void> {
  const prisma = await db();
  try {
    await prisma.$transaction(async (tx) => {
      const before = await tx.category.findUnique({ where: { id } });
      if (!before) throw new NotFoundError("No such shelf.");
      if (before.name === name) return;
      await tx.category.update({ where: { id }, data: { name } });
      await audit(tx, actorId, "category.rename", id, { from: before.name, to: name });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(NAME_TAKEN);
    throw error;
  }
}

/** Removes a shelf; its books stay, on their other shelves. */
export async function deleteShelf(actorId: string, id: string): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const shelf = await tx.category.findUnique({ where: { id }, include: { _count: { select: { books: true } } } });
    if (!shelf) throw new NotFoundError("No such shelf.");
    await tx.category.delete({ where: { id } });
    await audit(tx, actorId, "category.delete", id, { name: shelf.name, books: shelf._count.books });
  });
}

/** Puts a book on exactly `categoryIds` (unknown ids refused), audited when it changes. */
export async function setBookShelves(
  tx: Prisma.TransactionClient,
  actorId: string,
  bookId: string,
  categoryIds: string[],
): Promise<void> {
  const wanted = [...new Set(categoryIds)];
  const known = await tx.category.count({ where: { id: { in: wanted } } });
  if (known !== wanted.length) throw new ValidationError("A chosen shelf no longer exists: reload the page.");
  const current = (await tx.bookCategory.findMany({ where: { productId: bookId }, select: { categoryId: true } })).map(
    (row) => row.categoryId,
  );
  if (current.length === wanted.length && wanted.every((id) => current.includes(id))) return;
  await tx.bookCategory.deleteMany({ where: { productId: bookId } });
  await tx.bookCategory.createMany({ data: wanted.map((categoryId) => ({ productId: bookId, categoryId })) });
  await audit(tx, actorId, "book.categories", bookId, { from: current, to: wanted }, "Product");
}

function audit(
  tx: Prisma.TransactionClient,
  actorId: string,
  action: "category.create" | "category.rename" | "category.delete" | "book.categories",
  targetId: string,
  details: Record<string, unknown>,
  targetType: "Category" | "Product" = "Category",
) {
  return recordAudit(tx, { actorId, action, targetType, targetId, details });
}

import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { containsText } from "@/lib/db/text-search";
import { noticeStatus, type NoticeStatus } from "@/lib/orders/notify-owners";
import { coverUrl } from "./queries";

export const BOOK_STATUSES = ["all", "published", "draft"] as const;

/** The list page's query string; anything unexpected falls back to "everything". */
export const bookListQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  status: z.enum(BOOK_STATUSES).catch("all"),
});

export type BookListQuery = z.infer<typeof bookListQuerySchema>;

/** Every book, drafts included, filtered by title/author/slug and status, by title. */
export async function searchBooksForAdmin({ q, status }: BookListQuery) {
  const prisma = await db();
  const books = await prisma.product.findMany({
    where: {
      ...(status === "all" ? {} : { published: status === "published" }),
      ...(q ? { OR: [{ title: containsText(q) }, { author: containsText(q) }, { slug: containsText(q) }] } : {}),
    },
    orderBy: { title: "asc" },
    take: 500,
    select: {
      id: true,
      slug: true,
      title: true,
      author: true,
      priceCents: true,
      currency: true,
      published: true,
      updatedAt: true,
      _count: { select: { files: { where: { active: true } } } },
    },
  });
  return books.map(({ _count, ...book }) => ({ ...book, filesOnSale: _count.files }));
}

export type AdminBookRow = Awaited<ReturnType<typeof searchBooksForAdmin>>[number];

// Storage keys stay on the server: these rows reach client components.
const adminFileSelect = {
  id: true,
  displayName: true,
  version: true,
  lineageId: true,
  size: true,
  sha256: true,
  contentType: true,
  active: true,
  supersededAt: true,
  createdAt: true,
  changelog: true,
  _count: { select: { grants: true } },
} as const;

/** A book with every file version, grouped into lineages (current version first), for the edit page. */
export async function getBookForAdmin(bookId: string) {
  const prisma = await db();
  const book = await prisma.product.findUnique({
    where: { id: bookId },
    include: {
      files: { orderBy: [{ displayName: "asc" }, { version: "desc" }], select: adminFileSelect },
      categories: { select: { categoryId: true } },
    },
  });
  if (!book) return null;
  const lineages = new Map<string, AdminFile[]>();
  for (const { _count, ...file } of book.files) {
    const { lineageId, ...rest } = file;
    const key = lineageId ?? file.id;
    lineages.set(key, [...(lineages.get(key) ?? []), { ...rest, grants: _count.grants }]);
  }
  const { files: _files, categories, ...fields } = book;
  return {
    ...fields,
    categoryIds: categories.map((row) => row.categoryId),
    coverUrl: coverUrl(book.coverPath),
    files: await Promise.all(
      [...lineages.values()].map(async (versions) => {
        const [current, ...earlier] = versions.sort((a, b) => b.version - a.version);
        // Owners are told about a later version; a first version's buyers got the receipt.
        const notice: NoticeStatus | null = current.version > 1 ? await noticeStatus(current.id) : null;
        return { current, earlier, notice };
      }),
    ),
  };
}

export interface AdminFile {
  id: string;
  displayName: string;
  version: number;
  size: number;
  sha256: string;
  contentType: string;
  active: boolean;
  supersededAt: Date | null;
  createdAt: Date;
  changelog: string | null;
  grants: number;
}

export type AdminBook = NonNullable<Awaited<ReturnType<typeof getBookForAdmin>>>;

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ADMIN_ROLES } from "@/lib/auth/roles";
import { formStateFromError, validatedActionWithRole } from "@/lib/auth/validated-action";
import { bookFormSchema, bookUpdateSchema } from "@/lib/catalog/admin-book-form";
import { createBook, setBookPublished, updateBook } from "@/lib/catalog/admin-books";
import { chosenShelves } from "@/lib/catalog/categories";
import { bookSlug, refreshBookPages } from "@/lib/catalog/page-cache";
import { setFileActive } from "@/lib/catalog/admin-files";
import { changelogSchema, setChangelog } from "@/lib/catalog/changelog";
import { notifyOwners } from "@/lib/orders/notify-owners";
import { ConflictError } from "@/lib/errors";

const idSchema = z.string().min(1).max(64);
const flagSchema = z.enum(["true", "false"]).transform((value) => value === "true");

/** Every page that shows a book: the back office and the store's cached pages. */
async function refreshBook(bookId: string, previousSlug?: string | null) {
  revalidatePath("/admin/books");
  revalidatePath(`/admin/books/${bookId}`);
  await refreshBookPages(bookId, previousSlug);
}

export const createBookAction = validatedActionWithRole(ADMIN_ROLES, bookFormSchema, async (book, user, formData) => {
  let bookId: string;
  try {
    bookId = await createBook(user.id, book, chosenShelves(formData));
  } catch (error) {
    return formStateFromError(error, error instanceof ConflictError ? "slug" : undefined);
  }
  revalidatePath("/admin/books");
  redirect(`/admin/books/${bookId}?created=1`);
});

export const updateBookAction = validatedActionWithRole(
  ADMIN_ROLES,
  bookUpdateSchema,
  async ({ bookId, ...book }, user, formData) => {
    const previousSlug = await bookSlug(bookId);
    try {
      await updateBook(user.id, bookId, book, chosenShelves(formData));
    } catch (error) {
      return formStateFromError(error, error instanceof ConflictError ? "slug" : undefined);
    }
    await refreshBook(bookId, previousSlug);
    return { ok: true, message: "Saved." };
  },
);

export const setPublishedAction = validatedActionWithRole(
  ADMIN_ROLES,
  z.object({ bookId: idSchema, published: flagSchema }),
  async ({ bookId, published }, user) => {
    try {
      await setBookPublished(user.id, bookId, published);
    } catch (error) {
      return formStateFromError(error);
    }
    await refreshBook(bookId);
    return {
      ok: true,
      message: published ? "Published: the book is in the store." : "Unpublished: the book is hidden from the store.",
    };
  },
);

export const setFileActiveAction = validatedActionWithRole(
  ADMIN_ROLES,
  z.object({ bookId: idSchema, fileId: idSchema, active: flagSchema }),
  async ({ bookId, fileId, active }, user) => {
    try {
      await setFileActive(user.id, fileId, active);
    } catch (error) {
      return formStateFromError(error);
    }
    await refreshBook(bookId);
    return {
      ok: true,
      message: active ? "The file is on sale again." : "Deactivated: new buyers will not get this file.",
    };
  },
);

export const saveChangelogAction = validatedActionWithRole(
  ADMIN_ROLES,
  z.object({ bookId: idSchema, fileId: idSchema, changelog: changelogSchema }),
  async ({ bookId, fileId, changelog }, user) => {
    try {
      await setChangelog(user.id, fileId, changelog);
    } catch (error) {
      return formStateFromError(error);
    }
    revalidatePath(`/admin/books/${bookId}`);
    return { ok: true, message: changelog ? "Changelog saved." : "Changelog removed." };
  },
);

const day = (date: Date) => date.toISOString().slice(0, 10);
const owners = (count: number) => `${count} owner${count === 1 ? "" : "s"}`;

export const notifyOwnersAction = validatedActionWithRole(
  ADMIN_ROLES,
  z.object({ bookId: idSchema, fileId: idSchema }),
  async ({ bookId, fileId }, user) => {
    let result;
    try {
      result = await notifyOwners(user.id, fileId);
    } catch (error) {
      return formStateFromError(error);
    }
    revalidatePath(`/admin/books/${bookId}`);
    if (result.state === "interrupted")
      return {
        error:
          `Stopped after ${owners(result.queued)} were mailed. ` +
          "Run it again: it resumes without mailing anyone twice.",
      };
    if (result.alreadySent)
      return { ok: true, message: `Already sent to ${owners(result.queued)} on ${day(result.completedAt)}.` };
    return { ok: true, message: `Mailed ${owners(result.queued)}.` };
  },
);

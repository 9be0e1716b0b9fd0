import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/auth/guards";
import { ADMIN_ROLES } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { getBookForAdmin } from "@/lib/catalog/admin-book-queries";
import { listShelves } from "@/lib/catalog/categories";
import { COVER_RULES } from "@/lib/catalog/covers";
import { coverUrl } from "@/lib/catalog/queries";
import { SAMPLE_MAX_BYTES } from "@/lib/catalog/samples";
import { BookCover } from "@/app/components/book-cover";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { AdminNav } from "../../admin-nav";
import { BookForm } from "../book-form";
import { BookStatus } from "../book-status";
import { CoverUpload } from "./cover-upload";
import { SampleUpload } from "./sample-upload";
import { FileList } from "./file-list";
import { FileUpload } from "./file-upload";
import { PublishForm } from "./publish-form";

export const metadata: Metadata = { title: "Edit book", robots: PRIVATE_PAGE_ROBOTS };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ bookId: string }>; searchParams: Promise<{ created?: string }> };

export default async function EditBookPage({ params, searchParams }: Props) {
  const { bookId } = await params;
  const user = await requirePageRole(ADMIN_ROLES, `/admin/books/${encodeURIComponent(bookId)}`);
  const [book, shelves] = await Promise.all([getBookForAdmin(bookId), listShelves()]);
  if (!book) notFound();
  const { created } = await searchParams;
  const config = getConfig();

  return (
    <>
      <AdminNav role={user.role} current="/admin/books" />
      <p className="text-sm">
        <Link href="/admin/books" className="underline">
          ← Books
        </Link>
      </p>
      {created && (
        <p role="status" className="mt-3 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
          Draft created. Add a cover and files, then publish it.
        </p>
      )}
      <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="font-serif text-3xl font-bold">{book.title}</h1>
          <p className="mt-1 flex items-center gap-3 text-sm text-stone-700">
            <BookStatus published={book.published} />
            <Link href={`/books/${book.slug}`} className="underline">
              {book.published ? "View in the store" : "Preview in the store"}
            </Link>
          </p>
        </div>
        <PublishForm bookId={book.id} published={book.published} />
      </div>

      <section aria-labelledby="details-heading" className="mt-8 rounded-lg border border-stone-200 bg-white p-6">
        <h2 id="details-heading" className="mb-4 text-xl font-semibold">
          Details
        </h2>
        <BookForm
          book={book}
          shelves={shelves}
          storeDefaults={{
            downloadLimit: config.downloads.defaultLimit,
            accessDays: config.downloads.defaultAccessDays,
          }}
        />
      </section>

      <section
        aria-labelledby="cover-heading"
        className="mt-6 grid gap-6 rounded-lg border border-stone-200 bg-white p-6 sm:grid-cols-[10rem_1fr]"
      >
        <h2 id="cover-heading" className="text-xl font-semibold sm:col-span-2">
          Cover
        </h2>
        <BookCover
          src={book.coverUrl}
          width={book.coverWidth}
          height={book.coverHeight}
          title={book.title}
          place="admin"
          className="w-40 rounded-md shadow-sm"
        />
        <CoverUpload bookId={book.id} rules={COVER_RULES} />
      </section>

      <section aria-labelledby="sample-heading" className="mt-6 rounded-lg border border-stone-200 bg-white p-6">
        <h2 id="sample-heading" className="text-xl font-semibold">
          Free sample
        </h2>
        <SampleUpload bookId={book.id} maxBytes={SAMPLE_MAX_BYTES} sampleUrl={coverUrl(book.samplePath)} />
      </section>

      <section aria-labelledby="files-heading" className="mt-6 rounded-lg border border-stone-200 bg-white p-6">
        <h2 id="files-heading" className="text-xl font-semibold">
          Files
        </h2>
        <p className="mt-1 text-sm text-stone-700">
          What buyers download. A new version keeps the earlier ones for the record and for the buyers who have them.
        </p>
        <FileList bookId={book.id} lineages={book.files} maxBytes={config.uploads.maxBytes} />
        <div className="mt-6 border-t border-stone-200 pt-4">
          <FileUpload bookId={book.id} maxBytes={config.uploads.maxBytes} />
        </div>
      </section>
    </>
  );
}

import Link from "next/link";
import type { ReactNode } from "react";
import { getConfig } from "@/lib/config";
import { authorHref, seriesHref, shelfHref } from "@/lib/catalog/catalog-query";
import type { BookDetail } from "@/lib/catalog/queries";
import { bookJsonLd, jsonLdText } from "@/lib/catalog/search-engines";
import { fileExtent, languageName } from "@/lib/catalog/book-details";
import { formatMoney } from "@/lib/catalog/money";
import { addToCartAction } from "@/app/(store)/cart/actions";
import { BookCover } from "./book-cover";

const formatDay = (date: Date) =>
  date.toLocaleDateString("en", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

/** The button for a book the visitor neither owns nor has in the cart. */
export function AddToCartForm({ bookId }: { bookId: string }) {
  return (
    <form action={addToCartAction}>
      <input type="hidden" name="bookId" value={bookId} />
      <button type="submit" className="btn-primary px-6 py-3 text-base">
        Add to cart
      </button>
    </form>
  );
}

/**
 * A book's page, the same for every visitor but for `purchase` (what the visitor can do: buy, go to the
 * cart, download): the cached page passes the anonymous button, the personal page the visitor's own.
 */
export function BookView({ book, purchase }: { book: BookDetail; purchase: ReactNode }) {
  const { defaultLimit, defaultAccessDays } = getConfig().downloads;
  const limit = book.downloadLimit ?? defaultLimit;
  const days = book.accessDays ?? defaultAccessDays;
  const rules = [
    limit ? `${limit} downloads per file` : "unlimited downloads",
    days ? `download for ${days} days after purchase` : "no expiry",
  ];

  return (
    <article className="grid gap-10 md:grid-cols-[minmax(0,18rem)_1fr]">
      {/* Data, not script: the browser runs no ld+json, so the page's CSP needs no nonce for it. */}
      {book.published && (
        <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(bookJsonLd(book)) }} />
      )}
      <BookCover
        src={book.coverUrl}
        width={book.coverWidth}
        height={book.coverHeight}
        title={book.title}
        place="book"
        priority="high"
        className="rounded-lg shadow-md"
      />
      <div>
        {!book.published && (
          <p className="mb-3 inline-block rounded bg-amber-100 px-2 py-1 text-sm font-medium text-amber-900">
            Unpublished — staff preview
          </p>
        )}
        <h1 className="font-serif text-4xl font-bold leading-tight">{book.title}</h1>
        <p className="mt-2 text-lg text-stone-700">
          by{" "}
          <Link href={authorHref(book.author)} className="underline" data-testid="author-link">
            {book.author}
          </Link>
        </p>
        {book.series && (
          <p className="mt-1 text-stone-700" data-testid="series">
            {book.seriesNumber ? `Book ${book.seriesNumber} of ` : "Part of "}
            <Link href={seriesHref(book.series)} className="underline">
              {book.series}
            </Link>
          </p>
        )}
        {book.shelves.length > 0 && (
          <p className="mt-1 text-sm text-stone-700" data-testid="shelves">
            On the shelves{" "}
            {book.shelves.map((shelf, i) => (
              <span key={shelf.slug}>
                {i > 0 && ", "}
                <Link href={shelfHref(shelf.slug)} className="underline">
                  {shelf.name}
                </Link>
              </span>
            ))}
          </p>
        )}
        <p className="mt-6 text-2xl font-semibold">{formatMoney(book.priceCents, book.currency)}</p>
        <div className="mt-6">{purchase}</div>
        <div className="prose mt-8 max-w-none whitespace-pre-line text-stone-800">{book.description}</div>
        <section className="mt-8" aria-labelledby="files-heading">
          <h2 id="files-heading" className="text-lg font-semibold">
            What you get
          </h2>
          <ul className="mt-2 divide-y divide-stone-200 rounded-md border border-stone-200 bg-white">
            {book.files.map((file) => (
              <li key={file.id} className="flex items-center justify-between px-4 py-3 text-sm">
                <span>
                  <span className="mr-2 rounded bg-stone-800 px-1.5 py-0.5 text-xs font-bold text-white">
                    {file.format}
                  </span>
                  {file.name}
                </span>
                <span className="text-right text-stone-700">
                  <span data-testid="file-extent">{fileExtent(file)}</span>
                  <span className="block text-xs" data-testid="file-version">
                    {file.version > 1 ? `Version ${file.version}, ` : ""}
                    {formatDay(file.updatedAt)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-sm text-stone-700">DRM-free · {rules.join(" · ")}</p>
          {book.sampleUrl && (
            <p className="mt-4">
              <a href={book.sampleUrl} className="btn-secondary" data-testid="free-sample" download>
                Read a free sample ({book.sampleFormat})
              </a>
            </p>
          )}
        </section>
        {(book.language || book.isbn) && (
          <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="book-details">
            {book.language && (
              <>
                <dt className="text-stone-700">Language</dt>
                <dd>{languageName(book.language)}</dd>
              </>
            )}
            {book.isbn && (
              <>
                <dt className="text-stone-700">ISBN</dt>
                <dd className="font-mono">{book.isbn}</dd>
              </>
            )}
          </dl>
        )}
      </div>
    </article>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { requireSignedIn } from "@/lib/auth/guards";
import { getConfig } from "@/lib/config";
import { formatBytes } from "@/lib/catalog/money";
import { listLibrary, type LibraryFile } from "@/lib/downloads/library";
import { BookCover } from "@/app/components/book-cover";
import { isEmailVerified } from "@/lib/auth/account-status";
import { VerifyEmailBanner } from "@/app/(store)/account/verify-email-banner";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { prepareCopies } from "@/lib/stamping/stamped-copies";
import { CopyLinkButton } from "./copy-link-button";

export const metadata: Metadata = { title: "My library", robots: PRIVATE_PAGE_ROBOTS };

const STATE_TEXT: Record<Exclude<LibraryFile["state"], "ACTIVE">, string> = {
  REVOKED: "Access withdrawn (refunded or cancelled)",
  SUSPENDED: "Paused while a payment dispute is open",
  EXPIRED: "Download period ended",
  EXHAUSTED: "No downloads left — contact us to reset",
};

const COPY_TEXT: Record<Exclude<LibraryFile["copy"], "none">, string> = {
  preparing: "Preparing your copy, with your name on every page: it is ready in a few seconds.",
  ready: "Your copy carries your name on every page.",
  original: "Your copy is the publisher's original file.",
};

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });
const versionOf = (file: LibraryFile) => `version ${file.version} of ${dateFormat.format(file.versionDate)}`;

// Longer changelogs start folded, so a book with many versions stays readable.
const SHORT_CHANGELOG = 240;

function Changelog({ file }: { file: LibraryFile }) {
  if (!file.changelog) return null;
  const long = file.changelog.length > SHORT_CHANGELOG || file.changelog.split("\n").length > 3;
  const text = <p className="mt-1 whitespace-pre-line text-sm text-stone-800">{file.changelog}</p>;
  if (!long)
    return (
      <div className="mt-1" data-testid="changelog">
        <p className="text-sm font-medium text-stone-800">What changed in version {file.version}</p>
        {text}
      </div>
    );
  return (
    <details className="mt-1" data-testid="changelog">
      <summary className="cursor-pointer text-sm font-medium text-stone-800">
        What changed in version {file.version}
      </summary>
      {text}
    </details>
  );
}

export default async function LibraryPage() {
  const user = await requireSignedIn("/library");
  const [books, verified] = await Promise.all([listLibrary(user.id), isEmailVerified(user.id)]);
  // Copies not made yet (a new edition, a changed stamp) start now, so the download finds them ready.
  prepareCopies(books.flatMap((book) => book.files.filter((f) => f.state === "ACTIVE" && f.copy === "preparing")));
  const hours = getConfig().downloads.linkTtlHours;
  return (
    <section>
      <h1 className="font-serif text-4xl font-bold">My library</h1>
      {!verified && <VerifyEmailBanner email={user.email} />}
      {books.length === 0 ? (
        <p className="mt-6 text-stone-700">
          No books yet.{" "}
          <Link href="/" className="font-semibold underline">
            Browse the catalog
          </Link>
          .
        </p>
      ) : (
        <ul className="mt-6 space-y-6" data-testid="library">
          {books.map((book, index) => (
            <li key={book.orderItemId} className="flex gap-5 rounded-lg border border-stone-200 bg-white p-4">
              <div className="w-20 shrink-0">
                <BookCover
                  src={book.coverUrl}
                  width={book.coverWidth}
                  height={book.coverHeight}
                  title={book.title}
                  place="library"
                  // The first covers are in the first view on a phone; the first is the page's largest image.
                  priority={index === 0 ? "high" : index < 3 ? "eager" : "lazy"}
                  className="rounded"
                />
              </div>
              <div className="min-w-0 flex-1">
                <h2 className="font-serif text-xl font-semibold">
                  <Link href={`/books/${book.slug}`} className="hover:underline">
                    {book.title}
                  </Link>
                  {book.hasNewVersion && (
                    <span
                      className={[
                        "ml-2 rounded border border-amber-700 bg-amber-100 px-1.5 py-0.5",
                        "align-middle font-sans text-xs font-bold text-amber-900",
                      ].join(" ")}
                      data-testid="new-version-badge"
                    >
                      New version<span className="sr-only"> not downloaded yet</span>
                    </span>
                  )}
                </h2>
                <p className="text-sm text-stone-700">
                  {book.author} · bought {dateFormat.format(book.purchasedAt)}
                </p>
                <ul className="mt-3 divide-y divide-stone-200">
                  {book.files.map((file) => (
                    <li
                      key={file.grantId}
                      className="flex flex-wrap items-start justify-between gap-3 py-3"
                      data-testid="library-file"
                    >
                      <div>
                        <p className="font-medium">
                          <span className="mr-2 rounded bg-stone-800 px-1.5 py-0.5 text-xs font-bold text-white">
                            {file.format}
                          </span>
                          {file.name}
                        </p>
                        <p className="text-sm text-stone-700">
                          {formatBytes(file.size)} · {versionOf(file)} ·{" "}
                          {file.downloadsLeft === null
                            ? "unlimited downloads"
                            : `${file.downloadsLeft} download${file.downloadsLeft === 1 ? "" : "s"} left`}
                          {file.expiresAt && ` · until ${dateFormat.format(file.expiresAt)}`}
                        </p>
                        {file.isNewVersion && file.state === "ACTIVE" && (
                          <p className="mt-1 text-sm font-semibold text-amber-900">
                            New: you have not downloaded version {file.version} yet
                          </p>
                        )}
                        <Changelog file={file} />
                        {file.state !== "ACTIVE" && (
                          <p className="mt-1 text-sm font-medium text-red-800">{STATE_TEXT[file.state]}</p>
                        )}
                        {file.state === "ACTIVE" && file.copy !== "none" && (
                          <p className="mt-1 text-sm text-stone-700" data-testid="stamped-copy">
                            {COPY_TEXT[file.copy]}
                          </p>
                        )}
                      </div>
                      {file.state === "ACTIVE" && (
                        <div className="flex items-start gap-3">
                          <a href={`/api/downloads/${file.grantId}`} className="btn-primary" download>
                            Download
                          </a>
                          <CopyLinkButton grantId={file.grantId} hoursValid={hours} />
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

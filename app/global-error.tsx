"use client";

import { ErrorNotice } from "./components/error-notice";
import "./globals.css";

/** The root or a group layout failed (e.g. the header's session read): this replaces it, with its own document. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <title>Something went wrong · Bindery</title>
        <header className="border-b border-stone-200 bg-white">
          <div className="mx-auto max-w-6xl px-4 py-3 sm:px-6">
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" className="font-serif text-2xl font-bold tracking-tight text-ink">
              Bindery
            </a>
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">
          <ErrorNotice error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}

import type { Metadata } from "next";
import type { ReactNode } from "react";
import { siteMetadata } from "@/lib/catalog/search-engines";
import "./globals.css";

// A function, not a constant: metadataBase comes from the running shop's APP_URL, not the build's.
export function generateMetadata(): Metadata {
  return siteMetadata();
}

/** The document around every page; the header and <main> come from the group layouts ((store), (cached)). */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <a
          href="#main"
          className={[
            "sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50",
            "focus:rounded focus:bg-white focus:px-3 focus:py-2",
          ].join(" ")}
        >
          Skip to content
        </a>
        {children}
        <footer className="mx-auto max-w-6xl px-4 py-10 text-sm text-stone-600 sm:px-6">
          DRM-free PDFs and EPUBs. Secure checkout by Stripe.
        </footer>
      </body>
    </html>
  );
}

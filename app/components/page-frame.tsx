import type { ReactNode } from "react";

/** The skip link's target: every page's content, below the header. */
export function PageMain({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">
      {children}
    </main>
  );
}

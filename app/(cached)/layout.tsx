import type { ReactNode } from "react";
import { PageMain } from "@/app/components/page-frame";
import { AnonymousHeader } from "@/app/components/site-header";

/**
 * Pages rendered once and served from Next's cache to visitors with no session and no cart (proxy.ts
 * rewrites their catalog and book requests here). Nothing below may read cookies or headers: what is
 * rendered here is shown to everyone.
 */
export default function CachedLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <AnonymousHeader />
      <PageMain>{children}</PageMain>
    </>
  );
}

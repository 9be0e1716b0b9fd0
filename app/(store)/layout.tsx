import type { ReactNode } from "react";
import { PageMain } from "@/app/components/page-frame";
import { SiteHeader } from "@/app/components/site-header";

/** Pages rendered for each request: the header shows the visitor's account and cart. */
export default function StoreLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader />
      <PageMain>{children}</PageMain>
    </>
  );
}

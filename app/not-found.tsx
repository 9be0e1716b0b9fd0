import { NotFoundNotice } from "./components/not-found-notice";
import { PageMain } from "./components/page-frame";
import { AnonymousHeader } from "./components/site-header";

/**
 * Next's last resort, outside both group layouts. Static: Next renders it into every cached page's tree,
 * so it may not read cookies. Unknown addresses reach app/(store)/[...missing] first, rendered per
 * request like any store page.
 */
export default function NotFound() {
  return (
    <>
      <AnonymousHeader />
      <PageMain>
        <NotFoundNotice />
      </PageMain>
    </>
  );
}

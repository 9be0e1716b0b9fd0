import { NotFoundNotice } from "@/app/components/not-found-notice";

/** notFound() from a cached page (an unknown book): inside the cached layout. */
export default function NotFound() {
  return <NotFoundNotice />;
}

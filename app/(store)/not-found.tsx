import { NotFoundNotice } from "@/app/components/not-found-notice";

/** notFound() from a store page: inside the store's layout. */
export default function NotFound() {
  return <NotFoundNotice />;
}

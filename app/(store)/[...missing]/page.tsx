import { notFound } from "next/navigation";

export const dynamic = "force-dynamic";

/**
 * Any address no other route matches: the store's 404 in the store's layout, rendered per request (the
 * visitor's header, and the request's script nonce, which a static 404 could not carry).
 */
export default function MissingPage() {
  notFound();
}

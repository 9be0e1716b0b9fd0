import { isSessionCookieName } from "@/lib/auth/session-cookie";
import { CART_COOKIE } from "@/lib/cart/rules";
import { catalogHref, catalogQuerySchema } from "@/lib/catalog/catalog-query";
import { SLUG_PATTERN } from "@/lib/catalog/admin-book-form";

// Which requests proxy.ts may answer from a cached page (app/(cached)/cached). A page is cached only
// when it is the same for everyone who gets it: no search (the query would be in it), no session
// (the header names the user, the book page says what they own), no cart (the header counts it).

const isPersonal = (cookieName: string) => cookieName === CART_COOKIE || isSessionCookieName(cookieName);

/**
 * The internal path of the cached page that answers this request, or null when it must be rendered
 * for this visitor. Only canonical catalog addresses (those `catalogHref` writes) are cached, so no
 * spelling of a query string makes a second copy.
 */
export function cachedPagePath(
  method: string,
  url: { pathname: string; searchParams: URLSearchParams },
  cookieNames: string[],
): string | null {
  if ((method !== "GET" && method !== "HEAD") || cookieNames.some(isPersonal)) return null;
  if (url.pathname === "/") {
    // `_rsc` marks a client navigation's request for the page's data (Next adds it back on the rewrite).
    const search = new URLSearchParams(url.searchParams);
    search.delete("_rsc");
    const query = catalogQuerySchema.parse(Object.fromEntries(search));
    const spelled = search.size ? `/?${search}` : "/";
    if (query.q || catalogHref("/", query) !== spelled) return null;
    return `/cached/catalog/${query.sort}/${query.page}`;
  }
  const slug = /^\/books\/([^/]+)$/.exec(url.pathname)?.[1];
  if (slug && SLUG_PATTERN.test(slug)) return `/cached/books/${slug}`;
  return null;
}

import Link from "next/link";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { hasRole, STAFF_ROLES } from "@/lib/auth/roles";
import { readCartIds } from "@/lib/cart/cart";
import { SignOutButton } from "./sign-out-button";

type HeaderUser = Pick<CurrentUser, "name" | "email" | "role">;

/** The header with the visitor's own parts: who is signed in, their cart. Makes the page personal. */
export async function SiteHeader() {
  const [user, cart] = await Promise.all([getCurrentUser(), readCartIds()]);
  return <HeaderFrame user={user} cartCount={cart.length} />;
}

/**
 * The header as a visitor without a session or cart sees it: the only header a cached page may carry
 * (proxy.ts sends anyone with a session or cart cookie to the personal page instead).
 */
export function AnonymousHeader() {
  return <HeaderFrame user={null} cartCount={0} />;
}

function HeaderFrame({ user, cartCount }: { user: HeaderUser | null; cartCount: number }) {
  return (
    <header className="border-b border-stone-200 bg-white">
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6"
      >
        <Link href="/" className="font-serif text-2xl font-bold tracking-tight text-ink">
          Bindery
        </Link>
        <div className="ml-auto flex flex-wrap items-center gap-x-5 gap-y-2 text-sm font-medium">
          <Link href="/" className="hover:underline">
            Books
          </Link>
          {user && (
            <Link href="/library" className="hover:underline">
              My library
            </Link>
          )}
          {user && hasRole(user.role, STAFF_ROLES) && (
            <Link href="/admin" className="hover:underline">
              Admin
            </Link>
          )}
          <Link href="/cart" className="hover:underline" data-testid="cart-link">
            Cart{" "}
            <span
              className="ml-1 rounded-full bg-stone-900 px-2 py-0.5 text-xs text-white"
              aria-label={`${cartCount} items in cart`}
            >
              {cartCount}
            </span>
          </Link>
          {user ? (
            <details className="relative">
              <summary
                className="cursor-pointer list-none rounded px-2 py-1 hover:bg-stone-100"
                data-testid="account-menu"
              >
                {user.name ?? user.email}
              </summary>
              <div
                className={[
                  "absolute right-0 z-10 mt-2 w-56 rounded-md border border-stone-200",
                  "bg-white p-3 shadow-lg",
                ].join(" ")}
              >
                <p className="truncate text-xs text-stone-600">{user.email}</p>
                <p className="mb-3 text-xs text-stone-600">{user.role.toLowerCase()}</p>
                <Link href="/account" className="mb-2 block rounded px-2 py-1 text-sm hover:bg-stone-100">
                  Account
                </Link>
                <SignOutButton />
              </div>
            </details>
          ) : (
            <Link href="/signin" className="btn-secondary">
              Sign in
            </Link>
          )}
        </div>
      </nav>
    </header>
  );
}

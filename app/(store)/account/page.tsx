import type { Metadata } from "next";
import Link from "next/link";
import { isEmailVerified } from "@/lib/auth/account-status";
import { requireSignedIn } from "@/lib/auth/guards";
import { orderHistory } from "@/lib/orders/order-history";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { isOptedOut } from "@/lib/mail/opt-out";
import { ChangeEmailForm } from "./change-email-form";
import { ChangePasswordForm } from "./change-password-form";
import { NewVersionMailsForm } from "./new-version-mails-form";
import { OrderHistory } from "./order-history";
import { SignOutEverywhereForm } from "./sign-out-everywhere-form";
import { VerifyEmailBanner } from "./verify-email-banner";

export const metadata: Metadata = { title: "Your account", robots: PRIVATE_PAGE_ROBOTS };

export default async function AccountPage() {
  const user = await requireSignedIn("/account");
  const [verified, orders, optedOut] = await Promise.all([
    isEmailVerified(user.id),
    orderHistory(user.id),
    isOptedOut(user.email),
  ]);
  return (
    <section className="mx-auto max-w-3xl">
      <h1 className="font-serif text-4xl font-bold">Your account</h1>
      <p className="mt-2 text-stone-700">
        Signed in as <strong>{user.email}</strong>. Your books are in{" "}
        <Link href="/library" className="font-semibold underline">
          your library
        </Link>
        .
      </p>
      {!verified && <VerifyEmailBanner email={user.email} />}
      <div className="mt-8 grid gap-10 md:grid-cols-2">
        <ChangePasswordForm />
        <ChangeEmailForm email={user.email} />
      </div>
      <div className="mt-10">
        <OrderHistory orders={orders} />
      </div>
      <div className="mt-10">
        <NewVersionMailsForm optedOut={optedOut} />
      </div>
      <div className="mt-10">
        <SignOutEverywhereForm />
      </div>
    </section>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = {
  title: "Choose a new password",
  referrer: "no-referrer",
  robots: PRIVATE_PAGE_ROBOTS,
};

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <section className="mx-auto max-w-md">
      <h1 className="font-serif text-4xl font-bold">Choose a new password</h1>
      {token ? (
        <>
          <p className="mt-2 text-stone-700">
            Setting a new password signs out every device signed in to your account.
          </p>
          <ResetPasswordForm token={token} />
        </>
      ) : (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-900">
          This link is incomplete.{" "}
          <Link href="/forgot-password" className="font-semibold underline">
            Ask for a new one
          </Link>
          .
        </p>
      )}
    </section>
  );
}

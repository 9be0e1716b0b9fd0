import type { Metadata } from "next";
import Link from "next/link";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?", robots: PRIVATE_PAGE_ROBOTS };

export default function ForgotPasswordPage() {
  return (
    <section className="mx-auto max-w-md">
      <h1 className="font-serif text-4xl font-bold">Forgot your password?</h1>
      <p className="mt-2 text-stone-700">
        Enter the email of your account and we will mail you a link to choose a new one.
      </p>
      <ForgotPasswordForm />
      <p className="mt-6 text-sm text-stone-700">
        <Link href="/signin" className="font-semibold underline">
          Back to sign in
        </Link>
      </p>
    </section>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account", robots: PRIVATE_PAGE_ROBOTS };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const next = safeCallbackPath((await searchParams).callbackUrl);
  return (
    <section className="mx-auto max-w-md">
      <h1 className="font-serif text-4xl font-bold">Create an account</h1>
      <p className="mt-2 text-stone-700">Your library keeps every book you buy, ready to download.</p>
      <SignUpForm />
      <p className="mt-6 text-sm text-stone-700">
        Already have an account?{" "}
        <Link href={`/signin?callbackUrl=${encodeURIComponent(next)}`} className="font-semibold underline">
          Sign in
        </Link>
      </p>
    </section>
  );
}

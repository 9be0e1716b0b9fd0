import type { Metadata } from "next";
import Link from "next/link";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; registered?: string }> }) {
  const { callbackUrl, registered } = await searchParams;
  const next = safeCallbackPath(callbackUrl);
  return (
    <section className="mx-auto max-w-md">
      <h1 className="font-serif text-4xl font-bold">Sign in</h1>
      {registered && <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-emerald-900">Account created. Sign in to continue.</p>}
      <SignInForm callbackUrl={next} />
      <p className="mt-6 text-sm text-stone-700">
        New here? <Link href={`/signup?callbackUrl=${encodeURIComponent(next)}`} className="font-semibold underline">Create an account</Link>
      </p>
    </section>
  );
}

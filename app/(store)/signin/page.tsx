import type { Metadata } from "next";
import Link from "next/link";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in", robots: PRIVATE_PAGE_ROBOTS };

const NOTICES: Record<string, string> = {
  verified: "Your email is confirmed. Sign in to continue.",
  "password-reset": "Your password is changed and every device is signed out. Sign in with the new one.",
  "signed-out": "You are signed out everywhere.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; notice?: string }>;
}) {
  const { callbackUrl, notice } = await searchParams;
  const next = safeCallbackPath(callbackUrl);
  return (
    <section className="mx-auto max-w-md">
      <h1 className="font-serif text-4xl font-bold">Sign in</h1>
      {notice && Object.hasOwn(NOTICES, notice) && (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-emerald-900">
          {NOTICES[notice]}
        </p>
      )}
      <SignInForm callbackUrl={next} />
      <p className="mt-4 text-sm text-stone-700">
        <Link href="/forgot-password" className="font-semibold underline">
          Forgot your password?
        </Link>
      </p>
      <p className="mt-2 text-sm text-stone-700">
        New here?{" "}
        <Link href={`/signup?callbackUrl=${encodeURIComponent(next)}`} className="font-semibold underline">
          Create an account
        </Link>
      </p>
    </section>
  );
}

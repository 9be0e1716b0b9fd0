import type { Metadata } from "next";
import Link from "next/link";
import { confirmEmailLink, type EmailLinkResult } from "@/lib/auth/email-verification";
import { limitNetwork } from "@/lib/auth/request-limits";
import { requestIp } from "@/lib/auth/request-ip";
import { RateLimitedError } from "@/lib/errors";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer", robots: PRIVATE_PAGE_ROBOTS };
export const dynamic = "force-dynamic";

const ANSWERS: Record<EmailLinkResult, { ok: boolean; text: string }> = {
  verified: { ok: true, text: "Your email is confirmed. Purchases made with it as a guest are now in your library." },
  changed: { ok: true, text: "Your account now uses this address." },
  taken: { ok: false, text: "This address now belongs to another account, so your address was not changed." },
  invalid: {
    ok: false,
    text: "This link has expired or was already used. Sign in and ask for a new one from your account page.",
  },
};

/** Opening the mailed link is the proof: the link is used here, once. */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  let result: EmailLinkResult = "invalid";
  let limited: string | null = null;
  try {
    await limitNetwork("verifyEmail", await requestIp());
    if (token) result = await confirmEmailLink(token);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    limited = error.message;
  }
  const answer = ANSWERS[result];
  return (
    <section className="mx-auto max-w-md">
      <h1 className="font-serif text-4xl font-bold">Confirm your email</h1>
      <p
        role={answer.ok ? "status" : "alert"}
        data-testid="verify-result"
        className={`mt-4 rounded-md p-3 ${answer.ok ? "bg-emerald-50 text-emerald-900" : "bg-amber-50 text-amber-900"}`}
      >
        {limited ?? answer.text}
      </p>
      <p className="mt-6 text-sm text-stone-700">
        <Link href="/account" className="font-semibold underline">
          Go to your account
        </Link>
      </p>
    </section>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getConfig } from "@/lib/config";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { checkOptOutSignature, optOutQuery } from "@/lib/mail/opt-out-link";
import { isOptedOut } from "@/lib/mail/opt-out";

export const metadata: Metadata = { title: "Mails about new versions", robots: PRIVATE_PAGE_ROBOTS };
export const dynamic = "force-dynamic";

type Search = { email?: string; sig?: string };

/**
 * Opened from a new-version mail. Showing it changes nothing (mail scanners fetch every link): the
 * button POSTs to /api/mail/opt-out, as one-click unsubscribes (RFC 8058) do.
 */
export default async function OptOutPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { email = null, sig = null } = await searchParams;
  const { authSecret } = getConfig();
  if (typeof email !== "string" || !checkOptOutSignature(email, typeof sig === "string" ? sig : null, authSecret))
    notFound();
  const address = email.toLowerCase();
  const done = await isOptedOut(address);
  return (
    <section className="mx-auto max-w-md">
      <h1 className="font-serif text-4xl font-bold">Mails about new versions</h1>
      {done ? (
        <p role="status" className="mt-4 text-stone-700" data-testid="opted-out">
          Done: <strong>{address}</strong> gets no more mails about new versions of books. Receipts and account mails
          still arrive.
        </p>
      ) : (
        <form method="post" action={`/api/mail/opt-out?${optOutQuery(address, authSecret)}&via=page`} className="mt-4">
          <p className="text-stone-700">
            Stop mails about new versions of the books bought with <strong>{address}</strong>? Your library still shows
            every new version.
          </p>
          <button type="submit" className="btn-primary mt-4">
            Stop these mails
          </button>
        </form>
      )}
    </section>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { claimableOrder } from "@/lib/auth/claim-account";
import { DomainError } from "@/lib/errors";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { ClaimForm } from "./claim-form";

export const metadata: Metadata = { title: "Create your account", robots: PRIVATE_PAGE_ROBOTS };

type Search = { order?: string; expires?: string; sig?: string };

export default async function ClaimPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { order = "", expires = null, sig = null } = await searchParams;
  let claim;
  try {
    claim = await claimableOrder(order, expires, sig);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return (
      <section className="mx-auto max-w-md">
        <h1 className="font-serif text-4xl font-bold">Create your account</h1>
        <p role="alert" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-900">
          {error.message}
        </p>
      </section>
    );
  }
  return (
    <section className="mx-auto max-w-md">
      <h1 className="font-serif text-4xl font-bold">Create your account</h1>
      {claim.taken ? (
        <p className="mt-4 text-stone-700" data-testid="claim-taken">
          An account for <strong>{claim.email}</strong> already exists.{" "}
          <Link href="/signin?callbackUrl=/library" className="font-semibold underline">
            Sign in
          </Link>{" "}
          to see your books.
        </p>
      ) : (
        <>
          <p className="mt-2 text-stone-700">
            Set a password for <strong>{claim.email}</strong> and your purchases will be waiting in your library.
          </p>
          <ClaimForm email={claim.email} order={order} expires={expires ?? ""} sig={sig ?? ""} />
        </>
      )}
    </section>
  );
}

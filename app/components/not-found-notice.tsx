import Link from "next/link";

export function NotFoundNotice() {
  return (
    <section className="mx-auto max-w-md py-16 text-center">
      <h1 className="font-serif text-4xl font-bold">Page not found</h1>
      <p className="mt-3 text-stone-700">We could not find what you were looking for.</p>
      <Link href="/" className="btn-primary mt-6">
        Back to the books
      </Link>
    </section>
  );
}

interface ErrorNoticeProps {
  error: unknown;
  retry: () => void;
}

/** The digest is all a buyer may see of a server error: enough for staff to find it in the server's log. */
function digestOf(error: unknown): string | null {
  if (typeof error !== "object" || error === null || !("digest" in error)) return null;
  return typeof error.digest === "string" && error.digest !== "" ? error.digest : null;
}

/** What app/error.tsx and app/global-error.tsx show: never the message or a stack, which may hold secrets. */
export function ErrorNotice({ error, retry }: ErrorNoticeProps) {
  const digest = digestOf(error);
  return (
    <section className="mx-auto max-w-md py-16 text-center" data-testid="error-page">
      <h1 className="font-serif text-4xl font-bold">Something went wrong</h1>
      <p className="mt-3 text-stone-700">
        The store could not show this page. Trying again often helps; if it keeps happening, please tell us.
      </p>
      {digest && (
        <p className="mt-3 text-sm text-stone-600">
          Reference: <code data-testid="error-reference">{digest}</code>
        </p>
      )}
      <div className="mt-6 flex justify-center gap-3">
        <button type="button" className="btn-primary" onClick={() => retry()}>
          Try again
        </button>
        {/* A plain link, not next/link: after a failure a full page load is the surest way home. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/" className="btn-secondary">
          Back to the books
        </a>
      </div>
    </section>
  );
}

/** A tampered or incomplete opt-out link: nothing is recorded. */
export default function OptOutLinkInvalid() {
  return (
    <section className="mx-auto max-w-md">
      <h1 className="font-serif text-4xl font-bold">This link is not valid</h1>
      <p role="alert" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-900">
        This opt-out link is incomplete or was changed, so nothing was changed. Use the link from the mail as it came.
      </p>
    </section>
  );
}

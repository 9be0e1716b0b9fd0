"use client";

import { useActionState } from "react";
import { setNewVersionMailsAction } from "./actions";

/** Whether the reader hears about new versions of their books; an opt-out from a mail shows here too. */
export function NewVersionMailsForm({ optedOut }: { optedOut: boolean }) {
  const [state, action, pending] = useActionState(setNewVersionMailsAction, {});
  return (
    <form action={action} className="space-y-3" aria-labelledby="new-version-mails-heading">
      <h2 id="new-version-mails-heading" className="font-serif text-2xl font-semibold">
        Mails about new versions
      </h2>
      <p className="text-sm text-stone-700" data-testid="new-version-mails">
        {optedOut
          ? "Off: you are not mailed when a book you own gets a new version. Your library still shows them."
          : "On: when a book you own gets a new version, we mail you what changed."}
      </p>
      <input type="hidden" name="on" value={optedOut ? "true" : "false"} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {optedOut ? "Mail me about new versions" : "Stop these mails"}
      </button>
      {state.error && (
        <p role="alert" className="text-sm text-red-800">
          {state.error}
        </p>
      )}
      {state.ok && state.message && (
        <p role="status" className="text-sm text-emerald-800">
          {state.message}
        </p>
      )}
    </form>
  );
}

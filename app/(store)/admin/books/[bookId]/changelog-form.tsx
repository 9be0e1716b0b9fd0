"use client";

import { useActionState, useId } from "react";
import { saveChangelogAction } from "../actions";
import { ActionMessage } from "../action-message";

const MAX = 2000;

/** "What changed" in one version: shown to its owners in their library and in the new-version mail. */
export function ChangelogForm({
  bookId,
  file,
}: {
  bookId: string;
  file: { id: string; version: number; changelog: string | null };
}) {
  const [state, action, pending] = useActionState(saveChangelogAction, {});
  const id = useId();
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="bookId" value={bookId} />
      <input type="hidden" name="fileId" value={file.id} />
      <label htmlFor={id} className="block text-sm font-medium">
        What changed in version {file.version}
      </label>
      <textarea
        id={id}
        name="changelog"
        rows={4}
        maxLength={MAX}
        defaultValue={state.values?.changelog ?? file.changelog ?? ""}
        className="block w-full rounded-md border border-stone-300 p-2 text-sm"
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="text-xs text-stone-700">
        Owners read it in their library and in the mail about this version. Up to {MAX} characters.
      </p>
      <button type="submit" className="btn-secondary" disabled={pending}>
        Save changelog<span className="sr-only"> of version {file.version}</span>
      </button>
      <ActionMessage state={state} />
    </form>
  );
}

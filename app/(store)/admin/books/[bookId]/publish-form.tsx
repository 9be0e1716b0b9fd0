"use client";

import { useActionState } from "react";
import { setPublishedAction } from "../actions";
import { ActionMessage } from "../action-message";

/** Publish (needs a file on sale) or take the book out of the store. */
export function PublishForm({ bookId, published }: { bookId: string; published: boolean }) {
  const [state, action, pending] = useActionState(setPublishedAction, {});
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="bookId" value={bookId} />
      <input type="hidden" name="published" value={published ? "false" : "true"} />
      <button type="submit" className={published ? "btn-secondary" : "btn-primary"} disabled={pending}>
        {published ? "Unpublish" : "Publish"}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}

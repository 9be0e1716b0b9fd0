"use client";

import { useActionState } from "react";
import { ActionMessage } from "../books/action-message";
import { ConfirmSubmit } from "../books/confirm-submit";
import { createShelfAction, deleteShelfAction, renameShelfAction } from "./actions";

export function NewShelfForm() {
  const [state, action, pending] = useActionState(createShelfAction, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1">
        <label htmlFor="new-shelf" className="label">
          New shelf
        </label>
        <input id="new-shelf" name="name" required maxLength={80} className="field" placeholder="e.g. Typography" />
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        Create
      </button>
      <ActionMessage state={state} className="w-full" />
    </form>
  );
}

/** One shelf's row: rename in place, or delete (asks first; its books stay). */
export function ShelfRow({ shelf }: { shelf: { id: string; name: string; books: number } }) {
  const [renamed, rename, renaming] = useActionState(renameShelfAction, {});
  const [deleted, remove] = useActionState(deleteShelfAction, {});
  const inputId = `shelf-${shelf.id}`;
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3">
      <form action={rename} className="flex flex-1 flex-wrap items-center gap-2">
        <input type="hidden" name="id" value={shelf.id} />
        <label htmlFor={inputId} className="sr-only">
          Name of the shelf {shelf.name}
        </label>
        <input id={inputId} name="name" defaultValue={shelf.name} required maxLength={80} className="field w-64" />
        <button type="submit" className="btn-secondary" disabled={renaming}>
          Rename
        </button>
        <span className="text-sm text-stone-600">
          {shelf.books} published book{shelf.books === 1 ? "" : "s"}
        </span>
        <ActionMessage state={renamed} />
      </form>
      <form action={remove}>
        <input type="hidden" name="id" value={shelf.id} />
        <ConfirmSubmit
          title={`Delete the shelf “${shelf.name}”?`}
          message={<p>Its books stay in the store, on their other shelves.</p>}
          confirmLabel="Delete the shelf"
        >
          Delete
        </ConfirmSubmit>
        <ActionMessage state={deleted} />
      </form>
    </li>
  );
}

"use client";

import { useActionState } from "react";
import { setFileActiveAction } from "../actions";
import { ActionMessage } from "../action-message";
import { ConfirmSubmit } from "../confirm-submit";

interface Props {
  bookId: string;
  file: { id: string; displayName: string; version: number; active: boolean; grants: number };
}

/** Deactivate (after a confirmation) or offer again a file's current version. */
export function FileActiveForm({ bookId, file }: Props) {
  const [state, action, pending] = useActionState(setFileActiveAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="bookId" value={bookId} />
      <input type="hidden" name="fileId" value={file.id} />
      <input type="hidden" name="active" value={file.active ? "false" : "true"} />
      {file.active ? (
        <ConfirmSubmit
          title={`Deactivate ${file.displayName}?`}
          message={
            <p>
              New buyers will not get this file. The {file.grants} buyer{file.grants === 1 ? "" : "s"} who already have
              it keep their downloads, and its history stays.
            </p>
          }
          confirmLabel="Deactivate"
          disabled={pending}
        >
          Deactivate<span className="sr-only"> {file.displayName}</span>
        </ConfirmSubmit>
      ) : (
        <button type="submit" className="btn-secondary" disabled={pending}>
          Put back on sale<span className="sr-only"> {file.displayName}</span>
        </button>
      )}
      <ActionMessage state={state} className="mt-1" />
    </form>
  );
}

"use client";

import { useActionState, useId, useRef, type ReactNode } from "react";
import type { ActionState } from "@/lib/auth/validated-action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export interface ConfirmActionProps {
  action: Action;
  /** Hidden inputs: which order, grant… */
  fields: Record<string, string>;
  /** The button that opens the confirmation. */
  label: string;
  /** Heading and explanation shown before anything happens. */
  title: string;
  description: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  disabled?: boolean;
  small?: boolean;
  /** Form id, so inputs elsewhere on the page (checkboxes in a table) can belong to this form. */
  formId?: string;
  /** Extra inputs shown in the confirmation (a date, a checkbox). */
  children?: ReactNode;
}

/**
 * A staff action behind a confirmation dialog: the first button only opens the dialog, the action
 * runs on "confirm". The result (or refusal) is announced next to the button.
 */
export function ConfirmAction({
  action,
  fields,
  label,
  title,
  description,
  confirmLabel,
  danger,
  disabled,
  small,
  formId,
  children,
}: ConfirmActionProps) {
  const [state, formAction, pending] = useActionState(action, {});
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const size = small ? "px-2.5 py-1 text-xs" : "";
  return (
    <form id={formId} action={formAction} onSubmit={() => dialog.current?.close()} className="inline-block">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="button"
        className={`${danger ? "btn-primary" : "btn-secondary"} ${size}`}
        disabled={disabled || pending}
        onClick={() => dialog.current?.showModal()}
      >
        {pending ? "Working…" : label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={headingId}
        className="m-auto w-full max-w-md rounded-lg border border-stone-300 p-0 shadow-xl backdrop:bg-stone-900/50"
      >
        <div className="space-y-4 p-6 text-left">
          <h2 id={headingId} className="font-serif text-xl font-bold">
            {title}
          </h2>
          <div className="text-sm text-stone-800">{description}</div>
          {children}
          <div className="flex justify-end gap-3 pt-2">
            <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className={danger ? "btn-primary" : "btn-secondary"}>
              {confirmLabel}
            </button>
          </div>
        </div>
      </dialog>
      {state.message && (
        <p role="status" className="mt-1 max-w-xs text-xs text-emerald-800">
          {state.message}
        </p>
      )}
      {state.error && (
        <p role="alert" className="mt-1 max-w-xs text-xs text-red-800">
          {state.error}
        </p>
      )}
    </form>
  );
}

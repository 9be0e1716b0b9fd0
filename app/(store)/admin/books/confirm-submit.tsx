"use client";

import { useId, useRef, type ReactNode } from "react";

interface Props {
  /** The button that asks first. */
  children: ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  disabled?: boolean;
  className?: string;
}

/**
 * A submit button that asks before submitting its form: a modal <dialog> (focus moves into it, Esc
 * cancels) whose confirm button is the real submit button of the enclosing form.
 */
export function ConfirmSubmit({
  children,
  title,
  message,
  confirmLabel,
  disabled,
  className = "btn-secondary",
}: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <button type="button" className={className} disabled={disabled} onClick={() => dialog.current?.showModal()}>
        {children}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className={[
          "m-auto w-full max-w-md rounded-lg border border-stone-300 bg-white p-6 shadow-xl",
          "backdrop:bg-stone-900/40",
        ].join(" ")}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <div className="mt-2 text-sm text-stone-700">{message}</div>
        <div className="mt-6 flex justify-end gap-2">
          <button type="button" className="btn-secondary" autoFocus onClick={() => dialog.current?.close()}>
            Keep as is
          </button>
          <button type="submit" className="btn-primary" onClick={() => dialog.current?.close()}>
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}

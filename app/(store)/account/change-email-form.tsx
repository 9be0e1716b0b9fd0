"use client";

import { useActionState } from "react";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-policy";
import { changeEmailAction } from "./actions";

export function ChangeEmailForm({ email }: { email: string }) {
  const [state, action, pending] = useActionState(changeEmailAction, {});
  const fieldError = (name: string) => (state.ok ? undefined : state.fieldErrors?.[name]?.[0]);
  return (
    <form action={action} className="space-y-4" aria-labelledby="change-email-heading">
      <h2 id="change-email-heading" className="font-serif text-2xl font-semibold">
        Change email
      </h2>
      <p className="text-sm text-stone-700">
        Now: <strong data-testid="account-email">{email}</strong>. The new address must be confirmed from its mailbox.
      </p>
      <div>
        <label htmlFor="new-email" className="label">
          New email
        </label>
        <input
          id="new-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          className="field"
          defaultValue={state.ok ? undefined : state.values?.email}
          aria-invalid={Boolean(fieldError("email"))}
          aria-describedby={fieldError("email") ? "new-email-error" : undefined}
        />
        {fieldError("email") && (
          <p id="new-email-error" className="mt-1 text-sm text-red-800">
            {fieldError("email")}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="email-current-password" className="label">
          Current password
        </label>
        <input
          id="email-current-password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          maxLength={PASSWORD_MAX_LENGTH}
          className="field"
          aria-invalid={Boolean(fieldError("currentPassword"))}
          aria-describedby={fieldError("currentPassword") ? "email-current-password-error" : undefined}
        />
        {fieldError("currentPassword") && (
          <p id="email-current-password-error" className="mt-1 text-sm text-red-800">
            {fieldError("currentPassword")}
          </p>
        )}
      </div>
      {state.error && !state.fieldErrors && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      {state.ok && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
          {state.message}
        </p>
      )}
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Sending…" : "Send confirmation link"}
      </button>
    </form>
  );
}

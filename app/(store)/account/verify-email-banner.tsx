"use client";

import { useActionState } from "react";
import { resendVerificationAction } from "./actions";

/** Shown while the account's address is unproven: past guest orders stay out until it is confirmed. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const [state, action, pending] = useActionState(resendVerificationAction, {});
  return (
    <form
      action={action}
      className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900"
      data-testid="verify-email-banner"
    >
      <p className="font-semibold">Confirm your email</p>
      <p className="mt-1 text-sm">
        Follow the link we mailed to <strong>{email}</strong>. Until then, books bought as a guest with this address
        stay out of your library.
      </p>
      {state.ok && (
        <p role="status" className="mt-2 text-sm">
          {state.message}
        </p>
      )}
      {state.error && (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <button type="submit" className="btn-secondary mt-3" disabled={pending}>
        {pending ? "Sending…" : "Send the link again"}
      </button>
    </form>
  );
}

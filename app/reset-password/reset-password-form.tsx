"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { PASSWORD_HINT, PASSWORD_MAX_LENGTH } from "@/lib/auth/password-policy";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(resetPasswordAction, {});
  useEffect(() => {
    if (state.ok) router.push("/signin?notice=password-reset");
  }, [state.ok, router]);
  const fieldError = (name: string) => state.fieldErrors?.[name]?.[0];
  return (
    <form action={action} className="mt-6 space-y-4">
      <input type="hidden" name="token" value={token} />
      <div>
        <label htmlFor="password" className="label">New password</label>
        <input id="password" name="password" type="password" autoComplete="new-password" required maxLength={PASSWORD_MAX_LENGTH} className="field" aria-invalid={Boolean(fieldError("password"))} aria-describedby="password-help" />
        <p id="password-help" className={`mt-1 text-sm ${fieldError("password") ? "text-red-800" : "text-stone-600"}`}>{fieldError("password") ?? PASSWORD_HINT}</p>
      </div>
      <div>
        <label htmlFor="confirm" className="label">New password, again</label>
        <input id="confirm" name="passwordConfirm" type="password" autoComplete="new-password" required maxLength={PASSWORD_MAX_LENGTH} className="field" aria-invalid={Boolean(fieldError("passwordConfirm"))} aria-describedby={fieldError("passwordConfirm") ? "confirm-error" : undefined} />
        {fieldError("passwordConfirm") && <p id="confirm-error" className="mt-1 text-sm text-red-800">{fieldError("passwordConfirm")}</p>}
      </div>
      {state.error && !state.fieldErrors && <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{state.error}</p>}
      <button type="submit" className="btn-primary w-full" disabled={pending || state.ok}>{pending ? "Saving…" : "Set new password"}</button>
    </form>
  );
}

"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { NewPasswordFields } from "@/app/components/new-password-fields";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-policy";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm() {
  const router = useRouter();
  const [state, action, pending] = useActionState(changePasswordAction, {});
  const [done, setDone] = useState<string | null>(null);
  // The change ended every session, this one too: sign back in with the new password.
  const password = useRef("");

  useEffect(() => {
    if (!state.ok || !state.message) return;
    void signIn("credentials", { email: state.message, password: password.current, redirect: false }).then((result) => {
      password.current = "";
      if (!result?.ok) {
        router.push("/signin?callbackUrl=/account");
        return;
      }
      setDone("Password changed. Every other device is signed out.");
      router.refresh();
    });
  }, [state, router]);

  const fieldError = (name: string) => (state.ok ? undefined : state.fieldErrors?.[name]?.[0]);
  return (
    <form
      action={action}
      onSubmit={(event) => (password.current = String(new FormData(event.currentTarget).get("password") ?? ""))}
      className="space-y-4"
      aria-labelledby="change-password-heading"
    >
      <h2 id="change-password-heading" className="font-serif text-2xl font-semibold">
        Change password
      </h2>
      <div>
        <label htmlFor="current-password" className="label">
          Current password
        </label>
        <input
          id="current-password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          maxLength={PASSWORD_MAX_LENGTH}
          className="field"
          aria-invalid={Boolean(fieldError("currentPassword"))}
          aria-describedby={fieldError("currentPassword") ? "current-password-error" : undefined}
        />
        {fieldError("currentPassword") && (
          <p id="current-password-error" className="mt-1 text-sm text-red-800">
            {fieldError("currentPassword")}
          </p>
        )}
      </div>
      <NewPasswordFields idPrefix="new" fieldError={fieldError} />
      {state.error && !state.fieldErrors && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      {done && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900"
          data-testid="password-changed"
        >
          {done}
        </p>
      )}
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Change password"}
      </button>
    </form>
  );
}

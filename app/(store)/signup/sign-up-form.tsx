"use client";

import { useActionState } from "react";
import { PASSWORD_HINT, PASSWORD_MAX_LENGTH } from "@/lib/auth/password-policy";
import { signUpAction } from "./actions";

export function SignUpForm() {
  const [state, action, pending] = useActionState(signUpAction, {});
  if (state.ok) {
    return (
      <p role="status" className="mt-6 rounded-md bg-emerald-50 p-3 text-emerald-900" data-testid="signup-done">
        {state.message}
      </p>
    );
  }
  const fieldError = (name: string) => state.fieldErrors?.[name]?.[0];
  return (
    <form action={action} className="mt-6 space-y-4">
      <div>
        <label htmlFor="name" className="label">
          Name <span className="font-normal text-stone-600">(optional)</span>
        </label>
        <input
          id="name"
          name="name"
          autoComplete="name"
          maxLength={100}
          className="field"
          defaultValue={state.values?.name}
        />
      </div>
      <div>
        <label htmlFor="email" className="label">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          className="field"
          defaultValue={state.values?.email}
          aria-invalid={Boolean(fieldError("email"))}
          aria-describedby={fieldError("email") ? "email-error" : undefined}
        />
        {fieldError("email") && (
          <p id="email-error" className="mt-1 text-sm text-red-800">
            {fieldError("email")}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="password" className="label">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={PASSWORD_MAX_LENGTH}
          className="field"
          aria-invalid={Boolean(fieldError("password"))}
          aria-describedby="password-help"
        />
        <p id="password-help" className={`mt-1 text-sm ${fieldError("password") ? "text-red-800" : "text-stone-600"}`}>
          {fieldError("password") ?? PASSWORD_HINT}
        </p>
      </div>
      {state.error && !state.fieldErrors && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}

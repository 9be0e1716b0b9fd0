"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { signUpAction } from "./actions";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(signUpAction, {});
  // React resets the form after the action; keep what was typed to sign straight in with it.
  const submitted = useRef<{ email: string; password: string } | null>(null);

  // The account exists now: sign straight in with the same credentials.
  useEffect(() => {
    if (!state.ok || !submitted.current) return;
    void signIn("credentials", { ...submitted.current, redirect: false }).then((result) => {
      router.push(result?.ok ? callbackUrl : `/signin?registered=1&callbackUrl=${encodeURIComponent(callbackUrl)}`);
      router.refresh();
    });
  }, [state.ok, callbackUrl, router]);

  const fieldError = (name: string) => state.fieldErrors?.[name]?.[0];
  return (
    <form
      action={action}
      onSubmit={(event) => {
        const data = new FormData(event.currentTarget);
        submitted.current = { email: String(data.get("email") ?? ""), password: String(data.get("password") ?? "") };
      }}
      className="mt-6 space-y-4"
    >
      <div>
        <label htmlFor="name" className="label">Name <span className="font-normal text-stone-600">(optional)</span></label>
        <input id="name" name="name" autoComplete="name" className="field" defaultValue={state.values?.name} />
      </div>
      <div>
        <label htmlFor="email" className="label">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required className="field" defaultValue={state.values?.email} aria-invalid={Boolean(fieldError("email"))} aria-describedby="email-error" />
        {fieldError("email") && <p id="email-error" className="mt-1 text-sm text-red-800">{fieldError("email")}</p>}
      </div>
      <div>
        <label htmlFor="password" className="label">Password</label>
        <input id="password" name="password" type="password" autoComplete="new-password" required className="field" aria-invalid={Boolean(fieldError("password"))} aria-describedby="password-help" />
        <p id="password-help" className={`mt-1 text-sm ${fieldError("password") ? "text-red-800" : "text-stone-600"}`}>{fieldError("password") ?? "At least 10 characters."}</p>
      </div>
      {state.error && !state.fieldErrors && <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{state.error}</p>}
      <button type="submit" className="btn-primary w-full" disabled={pending || state.ok}>{pending || state.ok ? "Creating account…" : "Create account"}</button>
    </form>
  );
}

"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { PASSWORD_HINT, PASSWORD_MAX_LENGTH } from "@/lib/auth/password-policy";
import { claimAccountAction } from "./actions";

export function ClaimForm({
  email,
  order,
  expires,
  sig,
}: {
  email: string;
  order: string;
  expires: string;
  sig: string;
}) {
  const router = useRouter();
  const [state, action, pending] = useActionState(claimAccountAction, {});
  // React resets the form after the action; keep the password to sign straight in with it.
  const password = useRef("");

  useEffect(() => {
    if (!state.ok) return;
    void signIn("credentials", { email, password: password.current, redirect: false }).then(() => {
      router.push("/library");
      router.refresh();
    });
  }, [state.ok, email, router]);

  return (
    <form
      action={action}
      onSubmit={(event) => (password.current = String(new FormData(event.currentTarget).get("password") ?? ""))}
      className="mt-6 space-y-4"
    >
      <input type="hidden" name="order" value={order} />
      <input type="hidden" name="expires" value={expires} />
      <input type="hidden" name="sig" value={sig} />
      <div>
        <label htmlFor="name" className="label">
          Name <span className="font-normal text-stone-600">(optional)</span>
        </label>
        <input id="name" name="name" autoComplete="name" className="field" defaultValue={state.values?.name} />
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
          aria-invalid={Boolean(state.fieldErrors?.password)}
          aria-describedby="password-help"
        />
        <p
          id="password-help"
          className={`mt-1 text-sm ${state.fieldErrors?.password ? "text-red-800" : "text-stone-600"}`}
        >
          {state.fieldErrors?.password?.[0] ?? PASSWORD_HINT}
        </p>
      </div>
      {state.error && !state.fieldErrors && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <button type="submit" className="btn-primary w-full" disabled={pending || state.ok}>
        {pending || state.ok ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}

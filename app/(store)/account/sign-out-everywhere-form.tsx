"use client";

import { signOut } from "@/lib/auth/sign-out";
import { useActionState, useEffect } from "react";
import { signOutEverywhereAction } from "./actions";

export function SignOutEverywhereForm() {
  const [state, action, pending] = useActionState(signOutEverywhereAction, {});
  // Every session is over on the server; drop this browser's cookie too.
  useEffect(() => {
    if (state.ok) void signOut({ callbackUrl: "/signin?notice=signed-out" });
  }, [state.ok]);
  return (
    <form action={action} className="space-y-3" aria-labelledby="sign-out-everywhere-heading">
      <h2 id="sign-out-everywhere-heading" className="font-serif text-2xl font-semibold">
        Sign out everywhere
      </h2>
      <p className="text-sm text-stone-700">Ends every session of your account, on every device, this one included.</p>
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <button type="submit" className="btn-secondary" disabled={pending || state.ok}>
        {pending || state.ok ? "Signing out…" : "Sign out everywhere"}
      </button>
    </form>
  );
}

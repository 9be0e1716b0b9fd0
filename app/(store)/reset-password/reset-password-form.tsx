"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { NewPasswordFields } from "@/app/components/new-password-fields";
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
      <NewPasswordFields idPrefix="reset" fieldError={fieldError} />
      {state.error && !state.fieldErrors && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <button type="submit" className="btn-primary w-full" disabled={pending || state.ok}>
        {pending ? "Saving…" : "Set new password"}
      </button>
    </form>
  );
}

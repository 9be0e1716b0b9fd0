import type { ActionState } from "@/lib/auth/validated-action";

/** What an admin action answered: a confirmation (status) or a refusal (alert). */
export function ActionMessage({ state, className = "" }: { state: ActionState; className?: string }) {
  if (state.error)
    return (
      <p role="alert" className={`text-sm text-red-800 ${className}`}>
        {state.error}
      </p>
    );
  if (state.ok && state.message)
    return (
      <p role="status" className={`text-sm text-emerald-800 ${className}`}>
        {state.message}
      </p>
    );
  return null;
}

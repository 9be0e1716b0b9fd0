import "server-only";
import type { ActionState } from "@/lib/auth/validated-action";
import { DomainError } from "@/lib/errors";

/** A refusal the admin can act on becomes the form's message; anything else is a real error. */
export function actionFailure(error: unknown, field?: string): ActionState {
  if (!(error instanceof DomainError)) throw error;
  return field ? { error: error.message, fieldErrors: { [field]: [error.message] } } : { error: error.message };
}

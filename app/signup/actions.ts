"use server";

import { createCustomerAccount, signUpSchema } from "@/lib/auth/sign-up";
import { validatedAction, type ActionState } from "@/lib/auth/validated-action";
import { ConflictError } from "@/lib/errors";

export const signUpAction = validatedAction(signUpSchema, async (input): Promise<ActionState> => {
  try {
    await createCustomerAccount(input);
    return { ok: true };
  } catch (error) {
    if (error instanceof ConflictError) return { error: error.message, fieldErrors: { email: [error.message] } };
    throw error;
  }
});

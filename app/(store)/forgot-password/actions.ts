"use server";

import { forgotPasswordSchema, requestPasswordReset } from "@/lib/auth/password-reset";
import { requestIp } from "@/lib/auth/request-ip";
import { formStateFromError, validatedAction, type ActionState } from "@/lib/auth/validated-action";

export const forgotPasswordAction = validatedAction(forgotPasswordSchema, async (input): Promise<ActionState> => {
  try {
    await requestPasswordReset(input.email, await requestIp());
    // The same answer whether or not the address has an account.
    return {
      ok: true,
      message: "If that address has an account, a link to choose a new password is on its way. It works for one hour.",
    };
  } catch (error) {
    return formStateFromError(error);
  }
});

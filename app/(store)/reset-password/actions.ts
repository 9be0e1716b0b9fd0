"use server";

import { resetPassword, resetPasswordSchema } from "@/lib/auth/password-reset";
import { requestIp } from "@/lib/auth/request-ip";
import { formStateFromError, validatedAction, type ActionState } from "@/lib/auth/validated-action";

export const resetPasswordAction = validatedAction(resetPasswordSchema, async (input): Promise<ActionState> => {
  try {
    if (await resetPassword(input.token, input.password, await requestIp())) return { ok: true };
    return { error: "This link has expired or was already used. Ask for a new one." };
  } catch (error) {
    return formStateFromError(error);
  }
});

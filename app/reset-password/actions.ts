"use server";

import { resetPassword, resetPasswordSchema } from "@/lib/auth/password-reset";
import { requestIp } from "@/lib/auth/request-ip";
import { validatedAction, type ActionState } from "@/lib/auth/validated-action";
import { RateLimitedError } from "@/lib/errors";

export const resetPasswordAction = validatedAction(resetPasswordSchema, async (input): Promise<ActionState> => {
  try {
    if (await resetPassword(input.token, input.password, await requestIp())) return { ok: true };
    return { error: "This link has expired or was already used. Ask for a new one." };
  } catch (error) {
    if (error instanceof RateLimitedError) return { error: error.message };
    throw error;
  }
});

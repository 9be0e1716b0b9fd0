"use server";

import { requestIp } from "@/lib/auth/request-ip";
import { registerAccount, signUpSchema } from "@/lib/auth/sign-up";
import { formStateFromError, validatedAction, type ActionState } from "@/lib/auth/validated-action";

const CHECK_MAIL = "Check your mail: we sent a link to that address. Follow it to confirm your account, then sign in.";

export const signUpAction = validatedAction(signUpSchema, async (input): Promise<ActionState> => {
  try {
    await registerAccount(input, await requestIp());
    // The same answer whether or not the address already had an account.
    return { ok: true, message: CHECK_MAIL };
  } catch (error) {
    return formStateFromError(error);
  }
});

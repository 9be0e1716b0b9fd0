"use server";

import { claimAccount, claimSchema } from "@/lib/auth/claim-account";
import { requestIp } from "@/lib/auth/request-ip";
import { formStateFromError, validatedAction, type ActionState } from "@/lib/auth/validated-action";

export const claimAccountAction = validatedAction(claimSchema, async (input): Promise<ActionState> => {
  try {
    const { email } = await claimAccount(input, await requestIp());
    return { ok: true, message: email };
  } catch (error) {
    return formStateFromError(error);
  }
});

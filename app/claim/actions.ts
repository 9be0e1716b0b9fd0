"use server";

import { claimAccount, claimSchema } from "@/lib/auth/claim-account";
import { requestIp } from "@/lib/auth/request-ip";
import { validatedAction, type ActionState } from "@/lib/auth/validated-action";
import { DomainError } from "@/lib/errors";

export const claimAccountAction = validatedAction(claimSchema, async (input): Promise<ActionState> => {
  try {
    const { email } = await claimAccount(input, await requestIp());
    return { ok: true, message: email };
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  }
});

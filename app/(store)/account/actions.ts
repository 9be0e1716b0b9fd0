"use server";

import { z } from "zod";
import {
  changeEmailSchema,
  changePassword,
  changePasswordSchema,
  requestEmailChange,
  resendVerification,
  signOutEverywhere,
} from "@/lib/auth/account-settings";
import { formStateFromError, validatedActionWithRole, type ActionState } from "@/lib/auth/validated-action";
import { recordOptOut, removeOptOut } from "@/lib/mail/opt-out";

const EVERYONE = ["CUSTOMER", "STAFF", "ADMIN"] as const;

async function answer(run: () => Promise<string>, field?: string): Promise<ActionState> {
  try {
    return { ok: true, message: await run() };
  } catch (error) {
    return formStateFromError(error, field);
  }
}

export const changePasswordAction = validatedActionWithRole(EVERYONE, changePasswordSchema, (input, user) =>
  // The message is the email: the form signs back in with it and the new password.
  answer(() => changePassword(user.id, input), "currentPassword"),
);

export const changeEmailAction = validatedActionWithRole(EVERYONE, changeEmailSchema, (input, user) =>
  answer(async () => {
    await requestEmailChange(user.id, input);
    // The same answer whether or not the new address is free.
    return `We sent a link to ${input.email}. Your address changes when you follow it (within 24 hours).`;
  }, "currentPassword"),
);

export const signOutEverywhereAction = validatedActionWithRole(EVERYONE, z.object({}), (_input, user) =>
  answer(async () => {
    await signOutEverywhere(user.id);
    return "Signed out everywhere.";
  }),
);

export const resendVerificationAction = validatedActionWithRole(EVERYONE, z.object({}), (_input, user) =>
  answer(async () => {
    await resendVerification(user.id);
    return `We sent a new link to ${user.email}.`;
  }),
);

/** The signed-in reader's own address only: on again, or off as the mails' opt-out link does. */
export const setNewVersionMailsAction = validatedActionWithRole(
  EVERYONE,
  z.object({ on: z.enum(["true", "false"]).transform((value) => value === "true") }),
  ({ on }, user) =>
    answer(async () => {
      if (on) await removeOptOut(user.email);
      else await recordOptOut(user.email);
      return on ? "You will hear about new versions again." : "No more mails about new versions.";
    }),
);

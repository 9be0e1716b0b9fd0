import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { RateLimitedError, ValidationError } from "@/lib/errors";
import { FixedWindowCounter } from "@/lib/rate-limit/counter";
import { rateLimitStore } from "@/lib/rate-limit/prisma-store";
import { sendChangeEmailMail, sendVerificationMail } from "./email-verification";
import { hashPassword, verifyPassword } from "./password";
import { enteredPasswordSchema, newPasswordSchema } from "./password-policy";
import { mayMail } from "./request-limits";
import { emailSchema } from "./sign-up";

export const changePasswordSchema = z
  .object({
    currentPassword: enteredPasswordSchema,
    password: newPasswordSchema,
    passwordConfirm: z.string().max(1000),
  })
  .refine((input) => input.password === input.passwordConfirm, {
    path: ["passwordConfirm"],
    message: "The two passwords differ",
  });

export const changeEmailSchema = z.object({ email: emailSchema, currentPassword: enteredPasswordSchema });

const WRONG_PASSWORD = "Your current password is not right.";

// A stolen session must not become a way to guess the password.
const wrongCurrentPassword = new FixedWindowCounter(rateLimitStore(), "wrong-current-password", 5, 15 * 60_000);

async function checkCurrentPassword(userId: string, password: string) {
  const wait = await wrongCurrentPassword.retryAfter(userId);
  if (wait > 0)
    throw new RateLimitedError(`Too many wrong passwords. Try again in ${Math.ceil(wait / 60)} minutes.`, wait);
  const prisma = await db();
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true, email: true },
  });
  if (!user.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
    await wrongCurrentPassword.hit(userId);
    throw new ValidationError(WRONG_PASSWORD);
  }
  return user;
}

/**
 * Changes the password after checking the current one, and ends every session, the caller's too (the
 * page signs back in with the new password). Returns the account's email for that.
 */
export async function changePassword(userId: string, input: z.infer<typeof changePasswordSchema>): Promise<string> {
  const user = await checkCurrentPassword(userId, input.currentPassword);
  const prisma = await db();
  await prisma.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.password), sessionVersion: { increment: 1 } },
  });
  return user.email;
}

/** Mails a confirmation link to the new address; nothing changes until it is used. */
export async function requestEmailChange(userId: string, input: z.infer<typeof changeEmailSchema>): Promise<void> {
  const user = await checkCurrentPassword(userId, input.currentPassword);
  if (input.email === user.email) throw new ValidationError("That is already your address.");
  // A taken address gets no mail; the page answers the same, so it cannot be used to probe for accounts.
  const prisma = await db();
  if ((await prisma.user.count({ where: { email: input.email } })) > 0) return;
  await sendChangeEmailMail(userId, input.email);
}

/** Ends every session of the account, this one included. */
export async function signOutEverywhere(userId: string): Promise<void> {
  const prisma = await db();
  await prisma.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** Another verification link for an unproven address (rate limited per account, silently). */
export async function resendVerification(userId: string): Promise<void> {
  const prisma = await db();
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, emailVerifiedAt: true },
  });
  if (user.emailVerifiedAt || !(await mayMail(`user:${userId}`))) return;
  await sendVerificationMail(user);
}

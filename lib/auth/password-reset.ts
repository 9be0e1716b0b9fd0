import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { resetPasswordMail } from "@/lib/mail/account-mails";
import { sendMail } from "@/lib/mail/transport";
import { consumeToken, issueToken } from "./account-tokens";
import { markEmailVerified } from "./email-verification";
import { inBackground } from "./in-background";
import { hashPassword } from "./password";
import { newPasswordSchema } from "./password-policy";
import { limitNetwork, mayMail } from "./request-limits";
import { emailSchema } from "./sign-up";

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({ token: z.string().max(100), password: newPasswordSchema, passwordConfirm: z.string().max(1000) })
  .refine((input) => input.password === input.passwordConfirm, {
    path: ["passwordConfirm"],
    message: "The two passwords differ",
  });

/**
 * Mails a reset link when the address has an account; sends nothing otherwise. The caller answers the
 * same either way. A new link replaces the older unused ones.
 */
export async function requestPasswordReset(email: string, ip: string | null): Promise<void> {
  await limitNetwork("forgotPassword", ip);
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user || !(await mayMail(user.email))) return;
  inBackground("reset mail", async () => {
    const token = await issueToken(user.id, "RESET_PASSWORD", user.email);
    await sendMail(
      resetPasswordMail(user.email, `${getConfig().appUrl}/reset-password?token=${encodeURIComponent(token)}`),
    );
  });
}

/**
 * Sets a new password from a reset link, once, and ends every session of the account. The link came
 * through the mailbox, so it proves the address too.
 */
export async function resetPassword(token: string, password: string, ip: string | null): Promise<boolean> {
  await limitNetwork("resetPassword", ip);
  const used = await consumeToken(token, ["RESET_PASSWORD"]);
  if (!used) return false;
  const passwordHash = await hashPassword(password);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    // Only if the account still has the address the link went to.
    const { count } = await tx.user.updateMany({
      where: { id: used.userId, email: used.email },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    if (count !== 1) return false;
    const user = await tx.user.findUniqueOrThrow({ where: { id: used.userId }, select: { emailVerifiedAt: true } });
    if (!user.emailVerifiedAt) await markEmailVerified(used.userId, used.email, tx);
    return true;
  });
}

import "server-only";
import type { Prisma } from "@prisma/client";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { prismaErrorCode } from "@/lib/db/errors";
import { changeEmailMail, verifyEmailMail } from "@/lib/mail/account-mails";
import { sendMail } from "@/lib/mail/transport";
import { consumeToken, issueToken } from "./account-tokens";
import { mayMail } from "./request-limits";

const linkTo = (token: string) => `${getConfig().appUrl}/verify-email?token=${encodeURIComponent(token)}`;

/** Mails a verification link for the account's current address (silently skipped past the mail limit). */
export async function sendVerificationMail(user: { id: string; email: string }): Promise<void> {
  if (!(await mayMail(user.email))) return;
  const token = await issueToken(user.id, "VERIFY_EMAIL", user.email);
  await sendMail(verifyEmailMail(user.email, linkTo(token)));
}

/** Mails a link to the new address; the account's email changes only when that link is used. */
export async function sendChangeEmailMail(userId: string, newEmail: string): Promise<void> {
  if (!(await mayMail(newEmail)) || !(await mayMail(`user:${userId}`))) return;
  const token = await issueToken(userId, "CHANGE_EMAIL", newEmail);
  await sendMail(changeEmailMail(newEmail, linkTo(token)));
}

/**
 * Marks the address proven and moves the guest orders paid with it into the account: the owner of the
 * mailbox is the one who paid. Only when the account still has that address.
 */
export async function markEmailVerified(
  userId: string,
  email: string,
  tx?: Prisma.TransactionClient,
): Promise<boolean> {
  const run = async (client: Prisma.TransactionClient) => {
    const { count } = await client.user.updateMany({
      where: { id: userId, email },
      data: { emailVerifiedAt: new Date() },
    });
    if (count === 1) await client.order.updateMany({ where: { email, userId: null }, data: { userId } });
    return count === 1;
  };
  if (tx) return run(tx);
  return (await db()).$transaction(run);
}

export type EmailLinkResult = "verified" | "changed" | "taken" | "invalid";

/** Uses a link from a verification or email-change mail, once. */
export async function confirmEmailLink(token: string): Promise<EmailLinkResult> {
  const used = await consumeToken(token, ["VERIFY_EMAIL", "CHANGE_EMAIL"]);
  if (!used) return "invalid";
  if (used.purpose === "VERIFY_EMAIL")
    return (await markEmailVerified(used.userId, used.email)) ? "verified" : "invalid";
  const prisma = await db();
  try {
    // The new address must still be free: the unique index decides, not a read before the write.
    return await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: used.userId }, data: { email: used.email } });
      await markEmailVerified(used.userId, used.email, tx);
      return "changed" as const;
    });
  } catch (error) {
    const code = prismaErrorCode(error);
    if (code === "P2002" || code === "P2025") return code === "P2002" ? "taken" : "invalid";
    throw error;
  }
}

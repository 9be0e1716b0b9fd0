import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { ConflictError, GoneError, NotFoundError } from "@/lib/errors";
import { checkClaim } from "./claim-link";
import { markEmailVerified } from "./email-verification";
import { hashPassword } from "./password";
import { newPasswordSchema } from "./password-policy";
import { limitNetwork } from "./request-limits";
import { createCustomerAccount } from "./sign-up";

export const claimSchema = z.object({
  order: z.string().min(1).max(64),
  expires: z.string().max(20),
  sig: z.string().max(128),
  name: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((name) => name || undefined),
  password: newPasswordSchema,
});

const ALREADY_CLAIMED = "An account for this email already exists. Sign in to see your books.";

/**
 * The guest order a claim link points at, or why it cannot be used. `taken` only for an account whose
 * address is proven: an unproven account with the same address (anyone can sign up with any address)
 * does not stop the mailbox owner from claiming.
 */
export async function claimableOrder(orderId: string, expires: string | null, sig: string | null) {
  const check = checkClaim(orderId, expires, sig, getConfig().authSecret);
  if (check === "invalid") throw new NotFoundError("This link is not valid.");
  if (check === "expired")
    throw new GoneError("This link has expired. Sign up with the email you paid with; your purchases will follow.");
  const prisma = await db();
  const order = await prisma.order.findUnique({
    where: { id: orderId },
    select: { id: true, email: true, status: true },
  });
  if (!order || !order.email) throw new NotFoundError("This link is not valid.");
  const taken = (await prisma.user.count({ where: { email: order.email, emailVerifiedAt: { not: null } } })) > 0;
  return { ...order, taken };
}

/**
 * The receipt reached the mailbox, so the claim link proves the address: the account for it is created
 * verified, with that email's guest orders. An existing unproven account for the address is taken over
 * by the mailbox owner (new password, every old session ended); a proven one only says "sign in".
 */
export async function claimAccount(input: z.infer<typeof claimSchema>, ip: string | null): Promise<{ email: string }> {
  await limitNetwork("claim", ip);
  const order = await claimableOrder(input.order, input.expires, input.sig);
  if (order.taken) throw new ConflictError(ALREADY_CLAIMED);
  const prisma = await db();
  const existing = await prisma.user.findUnique({ where: { email: order.email }, select: { id: true } });
  if (!existing) {
    const user = await createCustomerAccount({
      email: order.email,
      name: input.name,
      password: input.password,
      emailVerifiedAt: new Date(),
    });
    await prisma.order.updateMany({ where: { email: order.email, userId: null }, data: { userId: user.id } });
    return { email: user.email };
  }
  const passwordHash = await hashPassword(input.password);
  const claimed = await prisma.$transaction(async (tx) => {
    // Conditional on the address still being unproven: two claims racing cannot both take it over.
    const { count } = await tx.user.updateMany({
      where: { id: existing.id, emailVerifiedAt: null },
      data: { passwordHash, sessionVersion: { increment: 1 }, ...(input.name ? { name: input.name } : {}) },
    });
    return count === 1 && (await markEmailVerified(existing.id, order.email, tx));
  });
  if (!claimed) throw new ConflictError(ALREADY_CLAIMED);
  return { email: order.email };
}

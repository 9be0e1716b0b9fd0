import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { GoneError, NotFoundError } from "@/lib/errors";
import { checkClaim } from "./claim-link";
import { createCustomerAccount } from "./sign-up";

export const claimSchema = z.object({
  order: z.string().min(1).max(64),
  expires: z.string().max(20),
  sig: z.string().max(128),
  name: z.string().trim().max(100).optional().transform((name) => name || undefined),
  password: z.string().min(10, "Use at least 10 characters").max(200),
});

/** The guest order a claim link points at, or why it cannot be used. */
export async function claimableOrder(orderId: string, expires: string | null, sig: string | null) {
  const check = checkClaim(orderId, expires, sig, getConfig().authSecret);
  if (check === "invalid") throw new NotFoundError("This link is not valid.");
  if (check === "expired") throw new GoneError("This link has expired. Sign up with the email you paid with; your purchases will follow.");
  const prisma = await db();
  const order = await prisma.order.findUnique({ where: { id: orderId }, select: { id: true, email: true, status: true } });
  if (!order || !order.email) throw new NotFoundError("This link is not valid.");
  const taken = (await prisma.user.count({ where: { email: order.email } })) > 0;
  return { ...order, taken };
}

/**
 * Creates the account for the email a guest paid with and moves that email's guest orders into it.
 * One-time by construction: once the account exists, the link only says "sign in".
 */
export async function claimAccount(input: z.infer<typeof claimSchema>): Promise<{ email: string }> {
  const order = await claimableOrder(input.order, input.expires, input.sig);
  const user = await createCustomerAccount({ email: order.email, name: input.name, password: input.password });
  const prisma = await db();
  await prisma.order.updateMany({ where: { email: order.email, userId: null }, data: { userId: user.id } });
  return { email: user.email };
}

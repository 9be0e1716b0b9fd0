import "server-only";
import { db } from "@/lib/db/client";

/** Whether the account's address is proven (for the "confirm your email" banner). */
export async function isEmailVerified(userId: string): Promise<boolean> {
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return Boolean(user?.emailVerifiedAt);
}

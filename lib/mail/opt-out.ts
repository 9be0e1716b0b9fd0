import "server-only";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";

/** Records that an address wants no more new-version mails. Idempotent. */
export async function recordOptOut(email: string): Promise<void> {
  const prisma = await db();
  try {
    await prisma.mailOptOut.upsert({
      where: { email: email.toLowerCase() },
      create: { email: email.toLowerCase() },
      update: {},
    });
  } catch (error) {
    // Two clicks at once: the other one recorded it.
    if (!isUniqueViolation(error)) throw error;
  }
}

export async function isOptedOut(email: string): Promise<boolean> {
  const prisma = await db();
  return (await prisma.mailOptOut.findUnique({ where: { email: email.toLowerCase() } })) !== null;
}

/** A signed-in reader takes it back from the account page. */
export async function removeOptOut(email: string): Promise<void> {
  const prisma = await db();
  await prisma.mailOptOut.deleteMany({ where: { email: email.toLowerCase() } });
}

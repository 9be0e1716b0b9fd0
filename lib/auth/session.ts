import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db/client";
import type { Role } from "@prisma/client";
import { authOptions } from "./options";

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

/**
 * The signed-in user, read from the database once per request: a role change or a deleted account
 * takes effect on the next request, whatever the session cookie says.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const prisma = await db();
  return prisma.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true } });
});

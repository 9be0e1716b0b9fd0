import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";
import type { Role } from "@prisma/client";
import { sessionIdentity } from "./session-user-id";

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

/**
 * The signed-in user, read from the database once per request: a role change, a deleted account or a
 * raised session version (password reset or change, "sign out everywhere") takes effect on the next
 * request, whatever the session cookie says.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const identity = await sessionIdentity();
  if (!identity) return null;
  const prisma = await db();
  const user = await prisma.user.findUnique({
    where: { id: identity.userId },
    select: { id: true, email: true, name: true, role: true, sessionVersion: true },
  });
  if (!user || user.sessionVersion !== identity.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

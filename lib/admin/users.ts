import "server-only";
import type { PrismaClient, Role } from "@prisma/client";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isSerializationFailure } from "@/lib/db/errors";
import { containsText } from "@/lib/db/text-search";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";

export const ROLES = ["CUSTOMER", "STAFF", "ADMIN"] as const satisfies readonly Role[];

/** The users page's query string; anything unexpected falls back to "everyone". */
export const userListQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  role: z.enum([...ROLES, "ALL"]).catch("ALL"),
});

export type UserListQuery = z.infer<typeof userListQuerySchema>;

/** Accounts matching an email/name search and a role, newest first, with how many orders each has. */
export async function searchUsers({ q, role }: UserListQuery) {
  const prisma = await db();
  const users = await prisma.user.findMany({
    where: {
      ...(role === "ALL" ? {} : { role }),
      ...(q ? { OR: [{ email: containsText(q) }, { name: containsText(q) }] } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, email: true, name: true, role: true, createdAt: true, _count: { select: { orders: true } } },
  });
  return users.map(({ _count, ...user }) => ({ ...user, orders: _count.orders }));
}

export type AdminUserRow = Awaited<ReturnType<typeof searchUsers>>[number];

/**
 * Changes a user's role, with an audit entry. The store always keeps one admin: the last one cannot be
 * demoted. Checked inside a serializable transaction, so two admins demoting each other cannot both
 * succeed: SQLite serializes writers; PostgreSQL's default (read committed) would let each count the
 * other as still an admin, so there it aborts one of them, which runs again and then sees the other's
 * change (and so, usually, that it would remove the last admin).
 */
export async function changeUserRole(actorId: string, userId: string, role: Role): Promise<void> {
  const prisma = await db();
  for (let attempt = 1; ; attempt++) {
    try {
      return await changeRoleIn(prisma, actorId, userId, role);
    } catch (error) {
      if (!isSerializationFailure(error)) throw error;
      if (attempt === SERIALIZATION_ATTEMPTS)
        throw new ConflictError("Roles changed at the same moment elsewhere: reload the page and try again.");
    }
  }
}

const SERIALIZATION_ATTEMPTS = 3;

async function changeRoleIn(prisma: PrismaClient, actorId: string, userId: string, role: Role): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, email: true } });
      if (!user) throw new NotFoundError("No such user.");
      if (user.role === role) return;
      await tx.user.update({ where: { id: userId }, data: { role } });
      if (user.role === "ADMIN" && (await tx.user.count({ where: { role: "ADMIN" } })) === 0) {
        throw new ConflictError(
          userId === actorId
            ? "You are the last admin: make someone else an admin before changing your own role."
            : "The store needs at least one admin.",
        );
      }
      await recordAudit(tx, {
        actorId,
        action: "user.role",
        targetType: "User",
        targetId: userId,
        details: { email: user.email, from: user.role, to: role },
      });
    },
    { isolationLevel: "Serializable" },
  );
}

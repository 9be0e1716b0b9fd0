import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";

export type TokenPurpose = "VERIFY_EMAIL" | "RESET_PASSWORD" | "CHANGE_EMAIL";

/** How long each kind of mailed link works. */
export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  VERIFY_EMAIL: 24 * 3600_000,
  CHANGE_EMAIL: 24 * 3600_000,
  RESET_PASSWORD: 3600_000,
};

export interface UsedToken {
  userId: string;
  email: string;
  purpose: TokenPurpose;
}

// Only the hash is stored: a copy of the database does not hold working links.
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A new single-use token for `userId` (32 random bytes, base64url: what goes in the link). Older unused
 * tokens of the same purpose stop working, so only the newest link mailed does anything.
 */
export async function issueToken(
  userId: string,
  purpose: TokenPurpose,
  email: string,
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const prisma = await db();
  await prisma.$transaction([
    prisma.accountToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } }),
    prisma.accountToken.create({
      data: {
        tokenHash: hashToken(token),
        userId,
        purpose,
        email,
        expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]),
      },
    }),
  ]);
  return token;
}

/**
 * Uses a token of one of `purposes` once: a single conditional update (unused, unexpired, right purpose)
 * whose row count decides, so two requests racing with the same link cannot both win.
 */
export async function consumeToken(
  token: string,
  purposes: readonly TokenPurpose[],
  now = new Date(),
): Promise<UsedToken | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const tokenHash = hashToken(token);
  const prisma = await db();
  const { count } = await prisma.accountToken.updateMany({
    where: { tokenHash, purpose: { in: [...purposes] }, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  const row = await prisma.accountToken.findUnique({
    where: { tokenHash },
    select: { userId: true, email: true, purpose: true },
  });
  return row ? { userId: row.userId, email: row.email, purpose: row.purpose as TokenPurpose } : null;
}

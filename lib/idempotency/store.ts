import "server-only";
import type { Prisma, PrismaClient } from "@prisma/client";
import { insertOnce } from "@/lib/db/insert-once";

type Client = PrismaClient | Prisma.TransactionClient;

/**
 * Claims `key` for the caller: true when this caller inserted it and so must do the work, false when
 * someone already claimed it. Inside a transaction the claim commits or rolls back with the work, and a
 * claim lost to someone else leaves the caller's transaction usable on both databases (insert-once.ts).
 */
export async function claimOnce(client: Client, key: string, ownerId: string | null): Promise<boolean> {
  return insertOnce(client, (c) => c.idempotencyKey.create({ data: { key, ownerId }, select: { key: true } }));
}

/** Records what the claimed work produced, so a repeat can answer with it. */
export async function completeKey(client: Client, key: string, result: unknown): Promise<void> {
  await client.idempotencyKey.update({
    where: { key },
    data: { result: JSON.stringify(result ?? null), completedAt: new Date() },
  });
}

/** The result of a completed key; undefined while unclaimed or unfinished. */
export async function resultOf(client: Client, key: string): Promise<unknown> {
  const row = await client.idempotencyKey.findUnique({ where: { key }, select: { result: true, completedAt: true } });
  if (!row?.completedAt || row.result === null) return undefined;
  return JSON.parse(row.result) as unknown;
}

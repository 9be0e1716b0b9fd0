import "server-only";
import type { Prisma, PrismaClient } from "@prisma/client";
import { isUniqueViolation } from "./errors";

type Client = PrismaClient | Prisma.TransactionClient;

/**
 * Runs `insert` and answers whether it inserted: false when a unique constraint refused the row. On
 * PostgreSQL a failed statement aborts the whole transaction it runs in (SQLite ends only the statement),
 * so inside a transaction the insert runs under a savepoint that is rolled back on a conflict, and the
 * caller's transaction goes on either way. Savepoints behave the same on both databases.
 */
export async function insertOnce(client: Client, insert: (client: Client) => Promise<unknown>): Promise<boolean> {
  // A transaction client has no $transaction of its own: that is how Prisma tells the two apart.
  if ("$transaction" in client) return attempt(() => insert(client));
  await client.$executeRawUnsafe("SAVEPOINT bindery_insert_once");
  const inserted = await attempt(() => insert(client));
  if (!inserted) await client.$executeRawUnsafe("ROLLBACK TO SAVEPOINT bindery_insert_once");
  await client.$executeRawUnsafe("RELEASE SAVEPOINT bindery_insert_once");
  return inserted;
}

async function attempt(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

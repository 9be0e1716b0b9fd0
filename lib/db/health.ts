import "server-only";
import { db } from "./client";

export async function databaseUsable(): Promise<boolean> {
  try {
    const prisma = await db();
    await prisma.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

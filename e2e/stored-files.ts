import { createHash } from "node:crypto";
import { StoreDb } from "../tests/helpers/store-db";

/** A book file's row in the e2e store (SQLite or PostgreSQL): its size and the sha256 recorded at upload. */
export async function storedFile(displayName: string): Promise<{ sha256: string; size: number }> {
  const db = new StoreDb(process.env.BINDERY_E2E_DATABASE ?? "");
  try {
    return await db.file(displayName);
  } finally {
    await db.close();
  }
}

export const sha256Of = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

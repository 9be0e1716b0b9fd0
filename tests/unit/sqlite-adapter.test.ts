import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaSqliteImmediate } from "@/lib/db/sqlite-adapter";

const dir = mkdtempSync(path.join(os.tmpdir(), "bindery-sqlite-adapter-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Whether a transaction that has only read yet already holds the write lock: another connection (as a
 * second process would) tries to start writing meanwhile, without waiting.
 */
async function readOnlyTransactionBlocksWriters(adapter: (url: string) => PrismaBetterSQLite3): Promise<boolean> {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.db`);
  const other = new Database(file, { timeout: 0 });
  other.pragma("journal_mode = WAL");
  other.exec(
    `CREATE TABLE "Counter" (id INTEGER PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO "Counter" VALUES (1, 0)`,
  );
  const client = new PrismaClient({ adapter: adapter(`file:${file}`) });
  let blocked = false;
  try {
    await client.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(`SELECT n FROM "Counter" WHERE id = 1`);
      try {
        other.exec("BEGIN IMMEDIATE");
        other.exec("ROLLBACK");
      } catch (error) {
        blocked = (error as { code?: string }).code === "SQLITE_BUSY";
      }
    });
    return blocked;
  } finally {
    await client.$disconnect();
    other.close();
  }
}

describe("the SQLite adapter's transactions", () => {
  it("with Prisma's own adapter, a transaction holds no write lock until it writes (DEFERRED)", async () => {
    expect(await readOnlyTransactionBlocksWriters((url) => new PrismaBetterSQLite3({ url }))).toBe(false);
  });

  it("with ours, it takes the write lock at BEGIN (IMMEDIATE): no lock upgrade can fail mid-transaction", async () => {
    expect(await readOnlyTransactionBlocksWriters((url) => new PrismaSqliteImmediate({ url }))).toBe(true);
  });
});

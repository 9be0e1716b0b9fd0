import "server-only";
import { PrismaClient } from "@prisma/client";
import { getConfig } from "@/lib/config";
import { PrismaSqliteImmediate } from "./sqlite-adapter";

/** The client once it is usable: SQLite tuned, or PostgreSQL's module loaded. */
type Instance = Promise<PrismaClient>;

const globalForPrisma = globalThis as unknown as { bindery?: Instance };

async function createSqliteClient(url: string): Promise<PrismaClient> {
  // better-sqlite3's `timeout` is SQLite's busy timeout: writers wait for the lock instead of failing.
  const adapter = new PrismaSqliteImmediate({ url, timeout: 5000 });
  const prisma = new PrismaClient({ adapter });
  // WAL lets readers and the writer proceed together and avoids an fsync per commit (measured here:
  // ~29 µs vs ~1.2 ms per update). journal_mode is stored in the file; synchronous is per connection.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return prisma;
}

async function createClient(): Promise<PrismaClient> {
  const { databaseProvider, databaseUrl, databasePoolSize } = getConfig();
  if (databaseProvider === "sqlite") return createSqliteClient(databaseUrl);
  // Loaded only here, so a SQLite shop never loads pg or the second client.
  const { createPostgresPrisma } = await import("./postgres-client");
  return createPostgresPrisma(databaseUrl, databasePoolSize);
}

function instance(): Instance {
  if (!globalForPrisma.bindery) {
    const created = createClient();
    // A failed first connection (disk full, locked file) must not poison the process: retry next call.
    created.catch(() => {
      if (globalForPrisma.bindery === created) globalForPrisma.bindery = undefined;
    });
    globalForPrisma.bindery = created;
  }
  return globalForPrisma.bindery;
}

/** The one Prisma client of the process, for the database DATABASE_URL names, ready on first use. */
export async function db(): Promise<PrismaClient> {
  return instance();
}

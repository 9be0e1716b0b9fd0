/**
 * The download store alone, one row per database: what the download path's store calls cost when nothing
 * else runs (no Next.js, no web server), made as the app makes them: a counted download's count and its
 * log row in one call (one transaction on SQLite, one statement on PostgreSQL). SQLite on a migrated,
 * seeded copy; PostgreSQL on a throwaway cluster started and stopped here, on the same disk.
 */
import { performance } from "node:perf_hooks";
import { DEFAULT_DATABASE_POOL_SIZE } from "../lib/config/schema";
import { createDownloadStore, type DownloadStore } from "../lib/downloads/download-store";
import { createGrant, sqliteStoreDatabase, type StoreDatabase } from "../tests/helpers/download-store-db";
import { postgresStoreDatabase } from "../tests/helpers/download-store-postgres";
import { DEMO } from "../tests/helpers/http-session";
import { postgresBinDir } from "../tests/helpers/postgres";
import { runPostgresScript } from "../tests/helpers/postgres-catalog";
import { median } from "./wrk";

export interface StoreResult {
  database: string;
  /** Median over the runs of µs per call; null when the database could not be measured (see note). */
  findGrantUs: number | null;
  /** consume(grantId, now, event): the count and its log row together, as a counted download writes them. */
  countedUs: number | null;
  /** log(event) alone, as a request that counts nothing (a resume, a HEAD, a refusal) writes it. */
  logUs: number | null;
  /** findGrant then the counted row, one after the other, as one counted download makes them. */
  pathUs: number | null;
  note?: string;
}

const postgresMissing = () =>
  postgresBinDir() ? null : "PostgreSQL is not installed (scripts/system-deps.sh installs it)";

// SQLite runs in WAL with synchronous = NORMAL: a commit does not wait for the disk, and a power cut may lose
// the last commits but never corrupts. PostgreSQL runs with its defaults (each commit waits for its WAL
// fsync), then with synchronous_commit off, its equivalent of SQLite's setting.
const DATABASES: { name: string; open: () => Promise<StoreDatabase>; missing: () => string | null }[] = [
  { name: "SQLite (better-sqlite3), WAL, synchronous NORMAL", open: sqliteStoreDatabase, missing: () => null },
  {
    name: "PostgreSQL (pg), server defaults",
    open: () => postgresStoreDatabase({ durable: true }),
    missing: postgresMissing,
  },
  {
    name: "PostgreSQL (pg), synchronous_commit off",
    open: async () => {
      const database = await postgresStoreDatabase({ durable: true });
      const name = new URL(database.databaseUrl).pathname.slice(1);
      await runPostgresScript(database.databaseUrl, `ALTER DATABASE "${name}" SET synchronous_commit = off`);
      return database;
    },
    missing: postgresMissing,
  },
];

/** µs per call of `call`, made `iterations` times in a row. */
async function timed(iterations: number, call: (i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await call(i);
  return ((performance.now() - start) * 1000) / iterations;
}

async function measureStore(store: DownloadStore, grantId: string, iterations: number, runs: number) {
  const now = new Date();
  const event = {
    grantId,
    userId: null,
    fileVersion: 1,
    ip: "203.0.113.5",
    userAgent: "bench",
    range: null,
    backend: "bench",
    outcome: "ALLOWED" as const,
  };
  const countWithLogRow = () => store.consume(grantId, now, event);
  const path = async () => {
    await store.findGrant(grantId);
    await countWithLogRow();
  };
  await timed(Math.min(iterations, 200), path); // warm-up: connections, prepared statements, JIT
  const samples = { findGrant: [] as number[], counted: [] as number[], log: [] as number[], path: [] as number[] };
  for (let run = 0; run < runs; run++) {
    samples.findGrant.push(await timed(iterations, () => store.findGrant(grantId)));
    samples.counted.push(await timed(iterations, countWithLogRow));
    samples.log.push(await timed(iterations, () => store.log(event)));
    samples.path.push(await timed(iterations, path));
  }
  return {
    findGrantUs: median(samples.findGrant),
    countedUs: median(samples.counted),
    logUs: median(samples.log),
    pathUs: median(samples.path),
  };
}

/** One row per database; a database that is not installed or fails to start gets a row saying why. */
export async function storeRows(iterations: number, runs: number, log: (line: string) => void): Promise<StoreResult[]> {
  const results: StoreResult[] = [];
  for (const { name, open, missing } of DATABASES) {
    const empty = { database: name, findGrantUs: null, countedUs: null, logUs: null, pathUs: null };
    const why = missing();
    if (why) {
      results.push({ ...empty, note: why });
      continue;
    }
    log(`  ${name}`);
    let database: StoreDatabase | undefined;
    let store: DownloadStore | undefined;
    try {
      database = await open();
      const grantId = await createGrant(database.prisma, {
        ownerEmail: DEMO.reader.email,
        fileName: "Field Notes on Typography.pdf",
        limit: null,
      });
      store = createDownloadStore(database.databaseUrl, DEFAULT_DATABASE_POOL_SIZE);
      results.push({ database: name, ...(await measureStore(store, grantId, iterations, runs)) });
    } catch (error) {
      results.push({ ...empty, note: `not run: ${error instanceof Error ? error.message.split("\n")[0] : error}` });
    } finally {
      await store?.close();
      await database?.dispose();
    }
  }
  return results;
}

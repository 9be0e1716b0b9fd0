import "server-only";
import { getConfig } from "@/lib/config";
import type { DownloadEventInput } from "./events";
import type { GrantRecord } from "./grant-record";
import { createPostgresDownloadStore } from "./postgres-download-store";
import { createSqliteDownloadStore } from "./sqlite-download-store";

/**
 * The download path's database work: one joined read, one atomic count, one log row. Each database has
 * one implementation holding the only copy of its SQL, on prepared statements of its own driver
 * (~10–30 µs each on SQLite, against ~0.5–1.5 ms through Prisma's client engine: docs/benchmarks.md).
 */
export interface DownloadStore {
  findGrant(grantId: string): Promise<GrantRecord | null>;
  /**
   * Uses one download if one is left and the grant is not revoked, stamping lastCountedAt; false otherwise.
   * With `logged`, that log row is written in the same transaction as the count, so a process killed in
   * between cannot leave a counted download without its row (or a row without its count).
   */
  consume(grantId: string, now: Date, logged?: DownloadEventInput): Promise<boolean>;
  log(event: DownloadEventInput): Promise<void>;
  /**
   * Counts one hit for `key` in the shared RateLimit table (one atomic upsert, `lib/rate-limit/sql.ts`) on
   * this store's own connection; resolves to the seconds to wait past `limit` hits per `windowMs`, else 0.
   */
  hitRateLimit(key: string, limit: number, windowMs: number, now: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * One store per DATABASE_URL scheme; a new database adds its line here. `poolSize` is DATABASE_POOL_SIZE:
 * a pooled driver's connections (SQLite's store has one connection, its writes serialised by the file).
 */
const STORES: Readonly<Record<string, (databaseUrl: string, poolSize: number) => DownloadStore>> = {
  "file:": (databaseUrl) => createSqliteDownloadStore(databaseUrl.slice("file:".length)),
  "postgresql:": createPostgresDownloadStore,
  "postgres:": createPostgresDownloadStore,
};

export function createDownloadStore(databaseUrl: string, poolSize: number): DownloadStore {
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(databaseUrl)?.[0].toLowerCase() ?? "";
  const create = Object.hasOwn(STORES, scheme) ? STORES[scheme] : undefined;
  if (!create) throw new Error(`No download store for DATABASE_URL scheme "${scheme}"`);
  return create(databaseUrl, poolSize);
}

let store: DownloadStore | undefined;

/** The process's store for the configured database, opened on first use. */
export function downloadStore(): DownloadStore {
  if (!store) {
    const { databaseUrl, databasePoolSize } = getConfig();
    store = createDownloadStore(databaseUrl, databasePoolSize);
  }
  return store;
}

import "server-only";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { logDownloadEvent, type DownloadEventInput } from "./events";
import { consumeDownload, findGrantRecord, type GrantRecord } from "./grant-record";
import { createSqliteDownloadStore } from "./sqlite-download-store";

/**
 * The three database operations on the download path: one joined read, one atomic count, one log row.
 * On SQLite they run as prepared better-sqlite3 statements (~10–30 µs each, against ~0.5–1.5 ms each
 * through Prisma's client engine — see docs/benchmarks.md); any other database goes through Prisma.
 */
export interface DownloadStore {
  findGrant(grantId: string): Promise<GrantRecord | null>;
  /** Uses one download if one is left, and sets lastCountedAt to `now`; false when none was left. */
  consume(grantId: string, now: Date): Promise<boolean>;
  log(event: DownloadEventInput): Promise<void>;
}

let store: DownloadStore | undefined;

export function downloadStore(): DownloadStore {
  if (store) return store;
  const { databaseUrl } = getConfig();
  store = databaseUrl.startsWith("file:")
    ? createSqliteDownloadStore(databaseUrl.slice("file:".length))
    : prismaDownloadStore();
  return store;
}

export function prismaDownloadStore(): DownloadStore {
  return {
    findGrant: async (grantId) => findGrantRecord(await db(), grantId),
    consume: async (grantId, now) => consumeDownload(await db(), grantId, now),
    log: async (event) => logDownloadEvent(await db(), event),
  };
}

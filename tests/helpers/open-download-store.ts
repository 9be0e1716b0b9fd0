import { createDownloadStore, type DownloadStore } from "@/lib/downloads/download-store";
import { createPostgresDownloadStore } from "@/lib/downloads/postgres-download-store";

/**
 * The store for `databaseUrl`, as the app opens it. PostgreSQL URLs are constructed directly until the
 * STORES table in download-store.ts has its PostgreSQL line (with the app's PostgreSQL configuration).
 */
export function openDownloadStore(databaseUrl: string): DownloadStore {
  return /^postgres(ql)?:/i.test(databaseUrl)
    ? createPostgresDownloadStore(databaseUrl)
    : createDownloadStore(databaseUrl);
}

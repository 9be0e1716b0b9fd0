import "server-only";
import type { DownloadStore } from "./download-store";

/** Placeholder until the PostgreSQL download store lands: the download path is not wired to it yet. */
export function createPostgresDownloadStore(databaseUrl: string): DownloadStore {
  void databaseUrl;
  throw new Error("The PostgreSQL download store is not yet part of this build");
}

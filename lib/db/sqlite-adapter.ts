import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";

/**
 * Prisma's better-sqlite3 adapter whose transactions begin IMMEDIATE instead of DEFERRED.
 *
 * A deferred transaction that reads and then writes must upgrade its read lock; when another process
 * wrote in between (a second app instance, `db:backup`, a script), SQLite answers SQLITE_BUSY at once,
 * without waiting out the busy timeout, because waiting could deadlock. Seen as HTTP 500s from two
 * instances on one file (e.g. two staff submitting at the same moment). IMMEDIATE takes the write lock
 * at BEGIN, where the busy timeout does wait. Within one process the adapter already runs one
 * transaction at a time, so this costs nothing there. The adapter has no option for it (6.19): its
 * transactions start with `client.prepare("BEGIN")`, which this rewrites; tests/unit/sqlite-adapter
 * fails if a Prisma upgrade changes that.
 */
export class PrismaSqliteImmediate extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: Database.Database }).client;
    if (typeof client?.prepare !== "function")
      throw new Error("@prisma/adapter-better-sqlite3 changed: its connection is no longer `client`");
    const prepare = client.prepare.bind(client);
    client.prepare = ((source: string) => prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as never;
    return adapter;
  }
}

/**
 * Whether the database is known to be down, shared by the request handlers that find out
 * (instrumentation.ts → lib/db/outage.ts) and the proxy that answers pages meanwhile. On globalThis:
 * the proxy is bundled apart from the pages but runs in the same Node.js process. No imports, so the
 * proxy's bundle stays small.
 */
const KEY = Symbol.for("bindery.databaseOutage");

type Holder = { [KEY]?: { since: number } | null };

export function databaseOutageSince(): number | null {
  return (globalThis as Holder)[KEY]?.since ?? null;
}

export function setDatabaseOutage(down: boolean): void {
  if (down) (globalThis as Holder)[KEY] ??= { since: Date.now() };
  else (globalThis as Holder)[KEY] = null;
}

/**
 * Bindery + nginx on PostgreSQL: the signed-link and session-cookie download rows again, the store in a
 * throwaway cluster with the server's durable defaults (each commit waits for its WAL fsync), on the same
 * disk as the SQLite rows. The same built app and nginx config: only DATABASE_URL differs.
 */
import { rmSync } from "node:fs";
import { DEMO, signIn } from "../tests/helpers/http-session";
import { postgresBinDir, startPostgres } from "../tests/helpers/postgres";
import { startStack } from "../tests/helpers/servers/stack";
import { StoreDb } from "../tests/helpers/store-db";
import { prepareTestEnvironment } from "../tests/helpers/test-env";
import { createBenchFiles } from "./fixtures";
import type { RowSpec } from "./measure";

export const POSTGRES_ROW = "Bindery + nginx on PostgreSQL";

/** Measures the PostgreSQL rows through `measure`; returns a note when they could not be run. */
export async function postgresRows(measure: (spec: RowSpec) => Promise<void>): Promise<string | null> {
  if (!postgresBinDir()) return "PostgreSQL rows not run: PostgreSQL is not installed (scripts/system-deps.sh)";
  const cluster = await startPostgres({ durable: true });
  const cleanups: (() => Promise<void> | void)[] = [() => cluster.stop()];
  try {
    const store = prepareTestEnvironment("bench-pg", { DATABASE_URL: await cluster.createDatabase("bench") });
    cleanups.unshift(() => rmSync(store.dir, { recursive: true, force: true }));
    const db = new StoreDb(store.env.DATABASE_URL);
    cleanups.unshift(() => db.close());
    const [small, medium] = await createBenchFiles(db, store.env, [
      { label: "10KB", bytes: 10 * 1024 },
      { label: "1MB", bytes: 1024 * 1024 },
    ]);
    if (!small || !medium) throw new Error("bench files missing");
    const nginx = await startStack("nginx", store);
    cleanups.unshift(() => nginx.stop());
    const on = { appPid: nginx.app.serverPid(), upstreamPort: nginx.app.port };
    for (const file of [small, medium])
      await measure({
        name: `${POSTGRES_ROW} (signed link)`,
        file: file.label,
        url: nginx.url + file.downloadPath,
        ...on,
      });
    const cookie = await signIn(nginx.url, DEMO.reader.email, DEMO.reader.password);
    await measure({
      name: `${POSTGRES_ROW} (session cookie)`,
      file: small.label,
      url: `${nginx.url}/api/downloads/${small.grantId}`,
      headers: { cookie },
      ...on,
    });
    return null;
  } catch (error) {
    return `PostgreSQL rows not run: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

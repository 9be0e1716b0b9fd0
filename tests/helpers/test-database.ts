import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { postgresBinDir } from "./postgres";

/**
 * Which database the integration stores run on: SQLite unless BINDERY_TEST_DB=postgresql, which runs
 * each store in its own database of one throwaway cluster per test run (postgres-global-setup.ts).
 */
export type TestDatabaseProvider = "sqlite" | "postgresql";

export function testDatabaseProvider(): TestDatabaseProvider {
  return process.env.BINDERY_TEST_DB === "postgresql" ? "postgresql" : "sqlite";
}

/** The environment variable through which the global setup hands the cluster to the workers. */
export const CLUSTER_URL_VARIABLE = "BINDERY_TEST_PG_CLUSTER_URL";

/**
 * A DATABASE_URL for a new store database: a file in `dir`, or a new database in the cluster, empty or,
 * with `template`, a copy of that database.
 */
export function newStoreDatabaseUrl(
  name: string,
  dir: string,
  provider: TestDatabaseProvider = testDatabaseProvider(),
  template?: string,
): string {
  if (provider === "sqlite") return `file:${path.join(dir, "bindery.db")}`;
  const clusterUrl = process.env[CLUSTER_URL_VARIABLE];
  const bin = postgresBinDir();
  if (!clusterUrl || !bin) throw new Error("BINDERY_TEST_DB=postgresql needs PostgreSQL and the vitest global setup");
  const database = `store_${name.toLowerCase().replace(/[^a-z0-9]+/g, "_")}_${randomBytes(4).toString("hex")}`;
  // Synchronous on purpose: every suite prepares its store synchronously, as it always has on SQLite.
  execFileSync(
    path.join(bin, "psql"),
    [
      clusterUrl,
      ...["-v", "ON_ERROR_STOP=1", "-q", "-c"],
      `CREATE DATABASE "${database}"${template ? ` TEMPLATE "${template}"` : ""}`,
    ],
    {
      stdio: "pipe",
    },
  );
  const url = new URL(clusterUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

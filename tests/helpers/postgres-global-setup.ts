import { startPostgres } from "./postgres";
import { CLUSTER_URL_VARIABLE, testDatabaseProvider } from "./test-database";

/**
 * With BINDERY_TEST_DB=postgresql, one throwaway cluster for the whole run: workers inherit its URL and
 * create one database per store (test-database.ts). Without it, nothing starts.
 */
export default async function setup(): Promise<(() => void) | undefined> {
  if (testDatabaseProvider() !== "postgresql") return undefined;
  const cluster = await startPostgres();
  process.env[CLUSTER_URL_VARIABLE] = cluster.url("postgres");
  return () => cluster.stop();
}

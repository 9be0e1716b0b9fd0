import path from "node:path";
import { startPostgres } from "../tests/helpers/postgres";
import { startShop } from "../tests/helpers/shop";
import { CLUSTER_URL_VARIABLE, testDatabaseProvider } from "../tests/helpers/test-database";

/**
 * One seeded store, the production server and the Stripe emulator for the browser suite; with
 * BINDERY_TEST_DB=postgresql the store lives in a throwaway PostgreSQL cluster.
 */
export default async function globalSetup() {
  const cluster = testDatabaseProvider() === "postgresql" ? await startPostgres() : undefined;
  if (cluster) process.env[CLUSTER_URL_VARIABLE] = cluster.url("postgres");
  const shop = await startShop("e2e");
  process.env.BINDERY_E2E_URL = shop.app.url;
  process.env.BINDERY_E2E_OUTBOX = path.join(path.dirname(shop.store.env.PROTECTED_ROOT), "outbox");
  process.env.BINDERY_E2E_DATABASE = shop.store.env.DATABASE_URL;
  process.env.BINDERY_E2E_PROTECTED_ROOT = shop.store.env.PROTECTED_ROOT;
  return async () => {
    await shop.stop();
    cluster?.stop();
  };
}

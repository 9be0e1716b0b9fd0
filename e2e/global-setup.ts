import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { RunningApp } from "../tests/helpers/app-server";
import { startPostgres } from "../tests/helpers/postgres";
import { startStack } from "../tests/helpers/servers/stack";
import { startShop } from "../tests/helpers/shop";
import { CLUSTER_URL_VARIABLE, testDatabaseProvider } from "../tests/helpers/test-database";
import { PROJECT_ROOT } from "../tests/helpers/test-env";

/**
 * One seeded store and the Stripe emulator for the browser suite, served the way production is: the built
 * app behind real nginx (SENDFILE_BACKEND=nginx) and another instance behind real Apache
 * (SENDFILE_BACKEND=apache), both on the same store and rendered from deploy/. With
 * BINDERY_TEST_DB=postgresql the store lives in a throwaway PostgreSQL cluster.
 */
export default async function globalSetup() {
  const stops: Array<() => unknown> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const cluster = testDatabaseProvider() === "postgresql" ? await startPostgres() : undefined;
    if (cluster) {
      stops.push(() => cluster.stop());
      process.env[CLUSTER_URL_VARIABLE] = cluster.url("postgres");
    }
    // The shop: a seeded store, the emulator, and an app answering directly (SENDFILE_BACKEND=node) that has
    // the webhook until each test points it through its own front (fixtures.ts).
    const shop = await startShop("e2e");
    stops.push(() => shop.stop());
    const nginx = await startStack("nginx", shop.store);
    stops.push(() => nginx.stop());
    const apache = await startStack("apache", shop.store);
    stops.push(() => apache.stop());
    // What each app process said, kept after the run (the store's temporary folder is not): the first
    // thing to read when a journey ends on the store's error page.
    stops.push(async () => keepLogs({ direct: shop.app, nginx: nginx.app, apache: apache.app }));

    process.env.BINDERY_E2E_URL = nginx.url;
    process.env.BINDERY_E2E_APACHE_URL = apache.url;
    process.env.BINDERY_E2E_STRIPE_URL = shop.emulator.url;
    process.env.BINDERY_E2E_OUTBOX = path.join(path.dirname(shop.store.env.PROTECTED_ROOT), "outbox");
    process.env.BINDERY_E2E_DATABASE = shop.store.env.DATABASE_URL;
    process.env.BINDERY_E2E_PROTECTED_ROOT = shop.store.env.PROTECTED_ROOT;
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}

function keepLogs(apps: Record<string, RunningApp>): void {
  const folder = path.join(PROJECT_ROOT, "test-results", `e2e-app-logs-${testDatabaseProvider()}`);
  mkdirSync(folder, { recursive: true });
  for (const [name, app] of Object.entries(apps)) writeFileSync(path.join(folder, `${name}.log`), app.logs());
}

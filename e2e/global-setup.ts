import { startApp } from "../tests/helpers/app-server";
import { prepareTestEnvironment } from "../tests/helpers/test-env";

/** One seeded store and one production server for the browser suite; stopped when it ends. */
export default async function globalSetup() {
  const store = prepareTestEnvironment("e2e");
  const app = await startApp(store.env);
  process.env.BINDERY_E2E_URL = app.url;
  process.env.BINDERY_E2E_DATABASE = store.env.DATABASE_URL.slice("file:".length);
  return async () => {
    await app.stop();
  };
}

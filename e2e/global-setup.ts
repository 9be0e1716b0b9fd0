import path from "node:path";
import { startShop } from "../tests/helpers/shop";

/** One seeded store, the production server and the Stripe emulator for the browser suite. */
export default async function globalSetup() {
  const shop = await startShop("e2e");
  process.env.BINDERY_E2E_URL = shop.app.url;
  process.env.BINDERY_E2E_OUTBOX = path.join(path.dirname(shop.store.env.PROTECTED_ROOT), "outbox");
  process.env.BINDERY_E2E_DATABASE = shop.store.env.DATABASE_URL;
  process.env.BINDERY_E2E_PROTECTED_ROOT = shop.store.env.PROTECTED_ROOT;
  return async () => {
    await shop.stop();
  };
}

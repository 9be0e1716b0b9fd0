import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Stripe from "stripe";
import { startEmulator, type RunningEmulator } from "../../scripts/stripe-emulator/emulator.mjs";
import { startApp, type RunningApp } from "./app-server";
import { StoreDb } from "./store-db";
import { prepareTestEnvironment, type TestEnvironment } from "./test-env";

export interface Shop {
  store: TestEnvironment;
  app: RunningApp;
  emulator: RunningEmulator;
  db: StoreDb;
  stripe: Stripe;
  webhookSecret: string;
  stop: () => Promise<void>;
}

/** A seeded store, the built app and the Stripe emulator wired to each other, all on loopback. */
export async function startShop(name: string, extraEnv: Record<string, string> = {}): Promise<Shop> {
  const webhookSecret = `whsec_${randomBytes(16).toString("hex")}`;
  const emulator = await startEmulator({
    webhookSecret,
    asyncDelayMs: null,
    retryDelaysMs: [100, 200, 400],
    log: () => undefined,
  });
  const store = prepareTestEnvironment(name, {
    STRIPE_SECRET_KEY: "sk_test_bindery",
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_URL: emulator.url,
    DOWNLOAD_RATE_LIMIT: "0",
    ...extraEnv,
  });
  const app = await startApp(store.env);
  emulator.setWebhook({ url: `${app.url}/api/stripe/webhook` });
  const url = new URL(emulator.url);
  const stripe = new Stripe("sk_test_bindery", { host: url.hostname, port: url.port, protocol: "http" });
  const db = new StoreDb(store.env.DATABASE_URL);
  return {
    store,
    app,
    emulator,
    db,
    stripe,
    webhookSecret,
    stop: async () => {
      await db.close();
      await app.stop();
      await emulator.stop();
    },
  };
}

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Mails the app wrote to its outbox (no SMTP_URL in tests). */
export function outbox(store: TestEnvironment): OutboxMail[] {
  const dir = path.join(path.dirname(store.env.PROTECTED_ROOT), "outbox");
  let names: string[] = [];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith(".json"))
      .sort();
  } catch {
    return [];
  }
  return names.map((n) => JSON.parse(readFileSync(path.join(dir, n), "utf8")) as OutboxMail);
}

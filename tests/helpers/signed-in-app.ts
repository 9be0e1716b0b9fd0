import { rmSync } from "node:fs";
import { startApp, type RunningApp } from "./app-server";
import { DEMO, signIn } from "./http-session";
import { StoreDb } from "./store-db";
import { prepareTestEnvironment, type TestEnvironment } from "./test-env";

export interface SignedInApp {
  store: TestEnvironment;
  app: RunningApp;
  db: StoreDb;
  /** Cookie header of the signed-in demo account. */
  cookie: string;
}

/** A fresh seeded store, the built app in front of it, and a session for one demo account. */
export async function openSignedInApp(name: string, account: keyof typeof DEMO): Promise<SignedInApp> {
  const store = prepareTestEnvironment(name);
  const app = await startApp(store.env);
  const db = new StoreDb(store.env.DATABASE_URL);
  return { store, app, db, cookie: await signIn(app.url, DEMO[account].email, DEMO[account].password) };
}

export async function closeSignedInApp(opened: Partial<SignedInApp>): Promise<void> {
  await opened.db?.close();
  await opened.app?.stop();
  if (opened.store) rmSync(opened.store.dir, { recursive: true, force: true });
}

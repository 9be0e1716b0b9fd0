import { rmSync } from "node:fs";
import path from "node:path";
import { startApp, type RunningApp } from "../app-server";
import { freePort } from "../free-port";
import { prepareTestEnvironment, type TestEnvironment } from "../test-env";
import { shareWithWebServer } from "./shared-storage";
import { startWebServer, type RunningWebServer, type ServerName, type WebServerSetup } from "./web-server";

export interface Stack {
  server: ServerName;
  store: TestEnvironment;
  app: RunningApp;
  web: RunningWebServer;
  /** The web server's base URL: what a customer talks to. */
  url: string;
  /** Another instance of the same server kind in front of the same app, e.g. a broken variant. */
  startVariant: (name: string, setup?: Pick<WebServerSetup, "options" | "mutate">) => Promise<RunningWebServer>;
  stop: () => Promise<void>;
}

/** Environment every app behind a test server gets. */
export function appEnvironment(store: TestEnvironment, backend: string, publicUrl: string): Record<string, string> {
  // The suite sends far more downloads per minute from 127.0.0.1 than the per-IP limit allows.
  return {
    ...store.env,
    SENDFILE_BACKEND: backend,
    TRUSTED_PROXY: "127.0.0.1",
    DOWNLOAD_RATE_LIMIT: "0",
    APP_URL: publicUrl,
  };
}

/**
 * A seeded store, the built app with SENDFILE_BACKEND=<server>, and that server in front of it,
 * rendered from deploy/. One per test file (beforeAll/afterAll): starting them is the slow part.
 */
export async function startStack(server: ServerName, shared?: TestEnvironment): Promise<Stack> {
  // A store passed in is shared with other stacks, and left for its owner to remove.
  const store = shared ?? prepareTestEnvironment(server);
  const removeStore = () => (shared ? undefined : rmSync(store.dir, { recursive: true, force: true }));
  shareWithWebServer(store.env.PROTECTED_ROOT);
  shareWithWebServer(store.env.MEDIA_ROOT);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let app: RunningApp;
  try {
    app = await startApp(appEnvironment(store, server, url));
  } catch (error) {
    removeStore();
    throw error;
  }
  const variants: RunningWebServer[] = [];
  const base = { server, env: store.env, app: `127.0.0.1:${app.port}` };
  let web: RunningWebServer;
  try {
    web = await startWebServer({ ...base, dir: path.join(store.dir, server), port });
  } catch (error) {
    await app.stop();
    removeStore();
    throw error;
  }
  return {
    server,
    store,
    app,
    web,
    url,
    startVariant: async (name, setup = {}) => {
      const variant = await startWebServer({ ...base, ...setup, dir: path.join(store.dir, `${server}-${name}`) });
      variants.push(variant);
      return variant;
    },
    stop: async () => {
      await Promise.all([web, ...variants].map((running) => running.stop()));
      await app.stop();
      removeStore();
    },
  };
}

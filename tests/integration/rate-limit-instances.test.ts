import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedQuery } from "@/lib/downloads/signed-link";
import { attemptSignIn } from "../helpers/accounts";
import { startApp, type RunningApp } from "../helpers/app-server";
import { DEMO } from "../helpers/http-session";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";

// Two instances of the built app on one database (SQLite in the sqlite test project, PostgreSQL in the
// postgresql one), asked directly, as a load balancer would: a client whose requests alternate between
// them meets each limit at its configured number, not at twice it. The same, through nginx's upstream of
// two instances: tests/integration/servers/multi-instance.test.ts.
const DOWNLOADS_PER_MINUTE = 5;
let store: TestEnvironment;
let apps: RunningApp[] = [];
let db: StoreDb;

beforeAll(async () => {
  store = prepareTestEnvironment("instances", {
    SENDFILE_BACKEND: "node",
    DOWNLOAD_RATE_LIMIT: String(DOWNLOADS_PER_MINUTE),
    // Both trust their loopback proxy, so each case speaks from a client address of its own.
    TRUSTED_PROXY: "127.0.0.1",
  });
  apps = await Promise.all([startApp(store.env), startApp(store.env)]);
  db = new StoreDb(store.env.DATABASE_URL);
});
afterAll(async () => {
  await db?.close();
  await Promise.all(apps.map((app) => app.stop()));
  if (store) rmSync(store.dir, { recursive: true, force: true });
});

const instance = (i: number) => {
  const app = apps[i % 2];
  if (!app) throw new Error("the two app instances did not start");
  return app;
};

describe("two app instances on one database", () => {
  it("refuse downloads past the per-minute limit counted once across both", async () => {
    const grantId = await db.grantOnFile("The Quiet Art of Binding.pdf", { email: DEMO.reader.email, limit: null });
    const query = signedQuery(grantId, 3600, store.env.AUTH_SECRET);
    const statuses: number[] = [];
    for (let i = 0; i < DOWNLOADS_PER_MINUTE + 2; i++) {
      const response = await fetch(`${instance(i).url}/api/downloads/${grantId}?${query}`, {
        method: "HEAD",
        headers: { "x-forwarded-for": "203.0.113.50" },
      });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // Another network is counted on its own.
    const other = await fetch(`${instance(1).url}/api/downloads/${grantId}?${query}`, {
      method: "HEAD",
      headers: { "x-forwarded-for": "198.51.100.50" },
    });
    expect(other.status).toBe(200);
  });

  it("throttle sign-in after five wrong passwords in all, whichever instance saw them", async () => {
    const attacker = "203.0.113.60";
    for (let i = 0; i < 5; i++) {
      const attempt = await attemptSignIn(instance(i).url, DEMO.admin.email, `wrong-guess-${i}`, attacker);
      expect(attempt.cookie).toBeNull();
      expect(decodeURIComponent(attempt.url)).not.toMatch(/Too many sign-in attempts/);
    }
    // Three failures were seen by the first instance and two by the second: each alone would let this through.
    for (const i of [0, 1]) {
      const blocked = await attemptSignIn(instance(i).url, DEMO.admin.email, DEMO.admin.password, attacker);
      expect(blocked.cookie).toBeNull();
      expect(decodeURIComponent(blocked.url)).toMatch(/Too many sign-in attempts/);
    }
    const admin = await attemptSignIn(instance(1).url, DEMO.admin.email, DEMO.admin.password, "198.51.100.60");
    expect(admin.cookie).not.toBeNull();
  });
});

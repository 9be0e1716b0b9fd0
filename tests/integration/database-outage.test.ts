import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app-server";
import { startPostgres, type PostgresCluster } from "../helpers/postgres";
import { prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";

// The database goes away under a running store and comes back: PostgreSQL of its own, stopped (fast
// shutdown, every connection cut) and started again on the same port, as a restart or failover would.

let cluster: PostgresCluster | undefined;
let store: TestEnvironment | undefined;
let app: RunningApp | undefined;

beforeAll(async () => {
  cluster = await startPostgres();
  store = prepareTestEnvironment("outage", { DATABASE_URL: await cluster.createDatabase("outage") });
  app = await startApp(store.env);
});
afterAll(async () => {
  await app?.stop();
  cluster?.stop();
  if (store) rmSync(store.dir, { recursive: true, force: true });
});

const get = (route: string) => fetch(`${app?.url}${route}`, { redirect: "manual" });

/** Asks until `done` holds for the answer (each request may itself be what notices the change). */
async function until(route: string, done: (response: Response) => boolean, timeoutMs = 20_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await get(route);
    if (done(response)) return response;
    if (Date.now() > deadline) throw new Error(`${route} still answers ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What a stack trace or the database's own error would leave on the page. */
const LEAKS = /\bat \S+ \(|\.next\/server|prisma|ECONNREFUSED|postgres|57P01/i;

describe("when the database goes away", () => {
  it("health names the database, pages say the shop is briefly unavailable, and it recovers by itself", async () => {
    expect((await get("/")).status).toBe(200);
    cluster?.pause();
    try {
      const health = await get("/api/health");
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "unavailable", database: "unavailable", storage: "ok" });

      for (const route of ["/", "/books/letters-from-the-lighthouse", "/cart", "/signin"]) {
        const page = await until(route, (response) => response.status === 503);
        expect(page.headers.get("retry-after"), route).toBe("10");
        expect(page.headers.get("cache-control"), route).toBe("no-store");
        const html = await page.text();
        expect(html, route).toContain("The shop is briefly unavailable");
        expect(html, route).not.toMatch(LEAKS);
      }

      // Downloads too (the download lane answers them beside Next's router), not a bare 500.
      const download = await until("/api/downloads/grt_outage?exp=1&sig=x", (response) => response.status === 503);
      expect(download.headers.get("retry-after")).toBe("10");
      expect(await download.text()).toContain("The shop is briefly unavailable");
    } finally {
      cluster?.resume();
    }

    // No restart: the probe notices the database within a second or two.
    const back = await until("/", (response) => response.status === 200);
    expect(await back.text()).toContain("Letters from the Lighthouse");
    expect((await get("/api/health")).status).toBe(200);
    expect((await get("/books/letters-from-the-lighthouse")).status).toBe(200);
  });

  it("a page request is what notices the outage when no monitor polls health", async () => {
    cluster?.pause();
    try {
      // The first page fails on its own query (the store's error page, 500); the next ones are 503. A
      // search, not a cached page: those are answered without the database.
      const first = await get("/?q=lighthouse");
      expect([500, 503]).toContain(first.status);
      expect(await first.text()).not.toMatch(LEAKS);
      await until("/", (response) => response.status === 503, 5_000);
    } finally {
      cluster?.resume();
    }
    await until("/", (response) => response.status === 200);
  });
});

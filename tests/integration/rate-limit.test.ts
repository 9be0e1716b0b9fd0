import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { FixedWindowCounter } from "@/lib/rate-limit/counter";
import { prismaRateLimitStore } from "@/lib/rate-limit/prisma-store";
import { POSTGRES_RATE_LIMIT_HIT_SQL, POSTGRES_RATE_LIMIT_SWEEP_SQL, rateLimitHitParams } from "@/lib/rate-limit/sql";
import { createSweepGate } from "@/lib/rate-limit/sweep-gate";
import { waitAfterHit, windowFromRow } from "@/lib/rate-limit/window";
import { sqliteStoreDatabase, type StoreDatabase } from "../helpers/download-store-db";
import { runTogether } from "../helpers/parallel-processes";
import { startPostgres, type PostgresCluster } from "../helpers/postgres";
import { prisma as prismaCli } from "../helpers/prisma-cli";
import { PROJECT_ROOT } from "../helpers/test-env";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/postgresql";

const MINUTE = 60_000;
let database: StoreDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  database = await sqliteStoreDatabase();
  prisma = database.prisma;
});
afterAll(async () => {
  await database?.dispose();
});

const rows = (prefix: string) =>
  prisma.$queryRawUnsafe<{ key: string }[]>(`SELECT "key" FROM "RateLimit" WHERE "key" LIKE ?`, `${prefix}%`);

describe("the database counter (SQLite, through Prisma)", () => {
  const counter = (name: string, limit: number) =>
    new FixedWindowCounter(
      prismaRateLimitStore(async () => prisma),
      name,
      limit,
      MINUTE,
    );

  it("allows the limit per window, then asks to wait until the window ends, then starts over", async () => {
    const limiter = counter("window", 3);
    const t0 = Date.now();
    expect(await Promise.all([1, 2, 3].map(() => limiter.hit("a", t0)))).toEqual([0, 0, 0]);
    expect(await limiter.hit("a", t0 + 1_000)).toBe(59);
    expect(await limiter.hit("b", t0 + 1_000)).toBe(0);
    expect(await limiter.hit("a", t0 + MINUTE)).toBe(0);
    expect(await limiter.hit("a", t0 + MINUTE + 1)).toBe(0);
  });

  it("answers retryAfter without counting, once the limit is used, and forgets a key on reset", async () => {
    const limiter = counter("retry", 2);
    const t0 = Date.now();
    expect(await limiter.retryAfter("a", t0)).toBe(0);
    await limiter.hit("a", t0);
    expect(await limiter.retryAfter("a", t0)).toBe(0);
    await limiter.hit("a", t0);
    expect(await limiter.retryAfter("a", t0 + 30_000)).toBe(30);
    expect(await limiter.retryAfter("a", t0 + 30_000)).toBe(30);
    expect(await limiter.retryAfter("a", t0 + MINUTE)).toBe(0);
    await limiter.reset("a");
    expect(await limiter.retryAfter("a", t0 + 1)).toBe(0);
    expect(await limiter.hit("a", t0 + 2)).toBe(0);
  });

  it("counts one database for two counters of the same name (two app instances)", async () => {
    const [first, second] = [counter("shared", 4), counter("shared", 4)];
    const t0 = Date.now();
    const waits = [];
    for (let i = 0; i < 6; i++) waits.push(await (i % 2 ? second : first).hit("net", t0 + i));
    expect(waits.map((wait) => wait > 0)).toEqual([false, false, false, false, true, true]);
  });

  it("sweeps rows whose window ended at most once a minute", async () => {
    const store = prismaRateLimitStore(async () => prisma, createSweepGate());
    const t0 = Date.now();
    const ended = (key: string) => prisma.rateLimit.create({ data: { key, hits: 1, windowEndsAt: t0 - 1 } });
    await ended("sweep:old-1");
    expect(await rows("sweep:")).toHaveLength(1);
    await store.hit("sweep:live", MINUTE * 10, t0);
    expect((await rows("sweep:")).map((row) => row.key).sort()).toEqual(["sweep:live"]);
    await ended("sweep:old-2");
    await store.hit("sweep:live", MINUTE * 10, t0 + 1_000);
    expect((await rows("sweep:")).map((row) => row.key).sort()).toEqual(["sweep:live", "sweep:old-2"]);
    await store.hit("sweep:live", MINUTE * 10, t0 + MINUTE);
    expect((await rows("sweep:")).map((row) => row.key).sort()).toEqual(["sweep:live"]);
  });
});

const HITTER = path.join(PROJECT_ROOT, "tests/helpers/rate-limit-hitter.ts");

describe("the download store's counter (SQLite, prepared statement)", () => {
  it("lets exactly N hits through among two processes hitting one key on one file at once", async () => {
    const [limit, attempts] = [1_200, 1_000];
    const args = [database.databaseUrl, "download:race", String(limit), String(attempts)];
    const results = await runTogether<{ allowed: number; startedAt: number; endedAt: number }>(HITTER, [args, args]);
    expect(results).toHaveLength(2);
    // The two really ran at the same time, or the race proves nothing.
    const [first, second] = results;
    expect(first && second && first.startedAt < second.endedAt && second.startedAt < first.endedAt).toBe(true);
    expect(results.reduce((sum, result) => sum + result.allowed, 0)).toBe(limit);
    const [row] = await prisma.rateLimit.findMany({ where: { key: "download:race" } });
    expect(row?.hits).toBe(2 * attempts);
  });
});

describe("the same statements on PostgreSQL", () => {
  let cluster: PostgresCluster | undefined;
  let pool: pg.Pool;
  let postgresPrisma: PostgresPrismaClient | undefined;

  beforeAll(async () => {
    cluster = await startPostgres();
    const url = await cluster.createDatabase("ratelimit");
    await prismaCli("postgresql", url, ["migrate", "deploy"]);
    pool = new pg.Pool({ connectionString: url, max: 8 });
    postgresPrisma = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  }, 300_000);
  afterAll(async () => {
    await postgresPrisma?.$disconnect();
    await pool?.end();
    cluster?.stop();
  });

  const hit = async (client: pg.Pool | pg.PoolClient, key: string, limit: number, now: number) => {
    const result = await client.query(POSTGRES_RATE_LIMIT_HIT_SQL, rateLimitHitParams(key, MINUTE, now));
    const row: unknown = result.rows[0];
    if (typeof row !== "object" || row === null || !("hits" in row) || !("windowEndsAt" in row))
      throw new Error("no row returned");
    return waitAfterHit(windowFromRow(row), limit, now);
  };

  it("counts a window, then starts over once it ended", async () => {
    const t0 = Date.now();
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push(await hit(pool, "pg:window", 3, t0));
    expect(waits).toEqual([0, 0, 0, 60]);
    expect(await hit(pool, "pg:window", 3, t0 + MINUTE)).toBe(0);
    await pool.query(POSTGRES_RATE_LIMIT_SWEEP_SQL, [t0 + 2 * MINUTE]);
    expect((await pool.query(`SELECT 1 FROM "RateLimit" WHERE "key" = 'pg:window'`)).rowCount).toBe(0);
  });

  it("lets exactly N hits through among concurrent connections", async () => {
    const clients = await Promise.all(Array.from({ length: 8 }, () => pool.connect()));
    try {
      const t0 = Date.now();
      const waits = await Promise.all(
        clients.flatMap((client) => Array.from({ length: 10 }, () => hit(client, "pg:race", 33, t0))),
      );
      expect(waits).toHaveLength(80);
      expect(waits.filter((wait) => wait === 0)).toHaveLength(33);
    } finally {
      for (const client of clients) client.release();
    }
  });

  it("runs the Prisma store's raw statements too (sign-in and form limits on PostgreSQL)", async () => {
    const client = postgresPrisma;
    if (!client) throw new Error("no Prisma client for PostgreSQL");
    const limiter = new FixedWindowCounter(
      prismaRateLimitStore(async () => client),
      "pg-prisma",
      2,
      MINUTE,
    );
    const t0 = Date.now();
    expect([await limiter.hit("a", t0), await limiter.hit("a", t0), await limiter.hit("a", t0 + 1_000)]).toEqual([
      0, 0, 59,
    ]);
    expect(await limiter.retryAfter("a", t0 + 30_000)).toBe(30);
    await limiter.reset("a");
    expect(await limiter.retryAfter("a", t0 + 30_000)).toBe(0);
    expect(await limiter.hit("a", t0 + MINUTE)).toBe(0);
  });
});

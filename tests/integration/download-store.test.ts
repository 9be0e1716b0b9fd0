import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { DEFAULT_DATABASE_POOL_SIZE } from "@/lib/config/schema";
import { denialFor, resumeIsFree, type Denial } from "@/lib/downloads/decide";
import type { DownloadStore } from "@/lib/downloads/download-store";
import { DOWNLOAD_OUTCOMES, type DownloadOutcome } from "@/lib/downloads/outcomes";
import { createGrant, sqliteStoreDatabase, type StoreDatabase } from "../helpers/download-store-db";
import { postgresStoreDatabase } from "../helpers/download-store-postgres";
import { DEMO } from "../helpers/http-session";
import { createDownloadStore } from "@/lib/downloads/download-store";
import { PROJECT_ROOT } from "../helpers/test-env";

// Every database's download store runs the same cases. A database joins with one line here: a name and
// a migrated, seeded database (the store itself is chosen from the URL, as the app chooses it).
const DATABASES: { name: string; open: () => Promise<StoreDatabase> }[] = [
  { name: "SQLite", open: sqliteStoreDatabase },
  { name: "PostgreSQL", open: postgresStoreDatabase },
];

const READER = DEMO.reader.email;
const PDF = "Field Notes on Typography.pdf";
const HOUR = 3_600_000;

describe.each(DATABASES)("$name download store", ({ name, open }) => {
  let database: StoreDatabase;
  let prisma: PrismaClient;
  let store: DownloadStore;

  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
    store = createDownloadStore(database.databaseUrl, DEFAULT_DATABASE_POOL_SIZE);
  }, 240_000);
  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  const grant = (options: Partial<Parameters<typeof createGrant>[1]> = {}) =>
    createGrant(prisma, { ownerEmail: READER, fileName: PDF, ...options });
  const row = (grantId: string) => prisma.downloadGrant.findUniqueOrThrow({ where: { id: grantId } });
  const sessionVersion = async () => (await prisma.user.findUniqueOrThrow({ where: { email: READER } })).sessionVersion;

  it("reads a grant joined to its order, file and owner, dates as dates", async () => {
    const expires = new Date("2031-01-02T03:04:05.678Z");
    const grantId = await grant({ fileName: "Field Notes on Typography.epub", limit: 2, expiresAt: expires });
    const owner = await prisma.user.findUniqueOrThrow({ where: { email: READER } });
    const file = await prisma.productFile.findFirstOrThrow({
      where: { displayName: "Field Notes on Typography.epub" },
    });
    expect(await store.findGrant(grantId)).toEqual({
      grantId,
      downloadsUsed: 0,
      downloadLimit: 2,
      expiresAt: expires,
      revokedAt: null,
      revokedReason: null,
      lastCountedAt: null,
      linkGeneration: 0,
      orderStatus: "PAID",
      ownerId: owner.id,
      ownerSessionVersion: owner.sessionVersion,
      fileVersion: file.version,
      storageKey: file.storageKey,
      displayName: "Field Notes on Typography.epub",
      contentType: "application/epub+zip",
      fileSha256: file.sha256,
      stampCopies: false,
      stampStatus: null,
      stampStorageKey: null,
      stampSourceSha256: null,
    });
    expect(await store.findGrant("missing")).toBeNull();
    await prisma.downloadGrant.update({ where: { id: grantId }, data: { linkGeneration: { increment: 2 } } });
    expect((await store.findGrant(grantId))?.linkGeneration).toBe(2);

    // A book that stamps copies: the grant's copy comes in the same read.
    await prisma.product.update({ where: { id: file.productId }, data: { stampCopies: true } });
    await prisma.stampedCopy.create({
      data: { grantId, status: "READY", sourceSha256: file.sha256, stampHash: "h", storageKey: "stamped/a/b/c.epub" },
    });
    expect(await store.findGrant(grantId)).toMatchObject({
      stampCopies: true,
      stampStatus: "READY",
      stampStorageKey: "stamped/a/b/c.epub",
      stampSourceSha256: file.sha256,
    });
    await prisma.stampedCopy.delete({ where: { grantId } });
    await prisma.product.update({ where: { id: file.productId }, data: { stampCopies: false } });
  });

  const denials: { denial: Denial; arrange: (grantId: string) => Promise<unknown> }[] = [
    {
      denial: "REVOKED",
      arrange: (id) =>
        prisma.downloadGrant.update({ where: { id }, data: { revokedAt: new Date(), revokedReason: "refund" } }),
    },
    { denial: "REVOKED", arrange: (id) => setOrderStatus(prisma, id, "REFUNDED") },
    { denial: "SUSPENDED", arrange: (id) => setOrderStatus(prisma, id, "DISPUTED") },
    {
      denial: "EXPIRED",
      arrange: (id) => prisma.downloadGrant.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } }),
    },
    {
      denial: "EXHAUSTED",
      arrange: (id) => prisma.downloadGrant.update({ where: { id }, data: { downloadsUsed: 5 } }),
    },
  ];
  it.each(denials)("reads what makes a grant $denial", async ({ denial, arrange }) => {
    const grantId = await grant({ limit: 5 });
    const before = await store.findGrant(grantId);
    expect(before && denialFor(before, new Date())).toBeNull();
    await arrange(grantId);
    const after = await store.findGrant(grantId);
    expect(after && denialFor(after, new Date())).toBe(denial);
  });

  it("counts up to the limit and not past it; an unlimited grant always counts", async () => {
    const limited = await grant({ limit: 2 });
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await store.consume(limited, new Date()));
    expect(results).toEqual([true, true, false]);
    expect((await row(limited)).downloadsUsed).toBe(2);
    const found = await store.findGrant(limited);
    expect(found && denialFor(found, new Date())).toBe("EXHAUSTED");

    const unlimited = await grant({ limit: null });
    for (let i = 0; i < 7; i++) expect(await store.consume(unlimited, new Date())).toBe(true);
    expect((await row(unlimited)).downloadsUsed).toBe(7);
  });

  it("writes a counted download's log row with its count, and no row when nothing was left", async () => {
    const grantId = await grant({ limit: 1 });
    const allowed = {
      grantId,
      userId: null,
      fileVersion: 1,
      ip: "198.51.100.7",
      network: "198.51.100.0/24",
      userAgent: "parity",
      range: null,
      backend: "nginx",
      outcome: "ALLOWED" as const,
    };
    expect(await store.consume(grantId, new Date(), allowed)).toBe(true);
    expect(await store.consume(grantId, new Date(), allowed)).toBe(false);
    expect((await row(grantId)).downloadsUsed).toBe(1);
    const events = await prisma.downloadEvent.findMany({ where: { grantId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      outcome: "ALLOWED",
      ip: "198.51.100.7",
      network: "198.51.100.0/24",
      fileVersion: 1,
      backend: "nginx",
    });
    expect(events[0].createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("never counts a revoked grant, and reads why it was revoked", async () => {
    const grantId = await grant({ limit: null });
    await prisma.downloadGrant.update({
      where: { id: grantId },
      data: { revokedAt: new Date(), revokedReason: "staff" },
    });
    expect(await store.consume(grantId, new Date())).toBe(false);
    expect((await row(grantId)).downloadsUsed).toBe(0);
    expect(await store.findGrant(grantId)).toMatchObject({ revokedReason: "staff", downloadsUsed: 0 });
  });

  it("stamps a counted download so a resume within the grace window is free, and a refused one does not", async () => {
    const grantId = await grant({ limit: 1 });
    const at = new Date("2026-12-02T10:11:12.345Z");
    expect(await store.consume(grantId, at)).toBe(true);
    // Prisma, the rest of the app's reader, sees the same instant the store wrote.
    expect((await row(grantId)).lastCountedAt).toEqual(at);
    const counted = (await store.findGrant(grantId))?.lastCountedAt ?? null;
    expect(counted).toEqual(at);
    expect(resumeIsFree(counted, new Date(at.getTime() + 23 * HOUR), 24)).toBe(true);
    expect(resumeIsFree(counted, new Date(at.getTime() + 25 * HOUR), 24)).toBe(false);

    expect(await store.consume(grantId, new Date(at.getTime() + HOUR))).toBe(false);
    expect((await store.findGrant(grantId))?.lastCountedAt).toEqual(at);
  });

  it("reads the owner's current session version, and null for an order without an account", async () => {
    const owned = await grant();
    const guest = await grant({ ownerEmail: null });
    const raised = (await sessionVersion()) + 3;
    await prisma.user.update({ where: { email: READER }, data: { sessionVersion: raised } });
    expect((await store.findGrant(owned))?.ownerSessionVersion).toBe(raised);
    expect(await store.findGrant(guest)).toMatchObject({ ownerId: null, ownerSessionVersion: null });
  });

  it("logs every outcome as a row the rest of the app reads back, long headers cut to the columns' size", async () => {
    const grantId = await grant();
    const outcomes = Object.keys(DOWNLOAD_OUTCOMES) as DownloadOutcome[];
    expect(outcomes.length).toBeGreaterThan(0);
    for (const outcome of outcomes) {
      await store.log({
        grantId,
        userId: null,
        fileVersion: 1,
        ip: "203.0.113.5",
        network: "203.0.113.0/24",
        userAgent: "x".repeat(600),
        range: `bytes=${"1".repeat(200)}-`,
        backend: "nginx",
        outcome,
      });
    }
    const events = await prisma.downloadEvent.findMany({ where: { grantId } });
    expect(events.map((event) => event.outcome).sort()).toEqual([...outcomes].sort());
    expect(events[0]).toMatchObject({ ip: "203.0.113.5", network: "203.0.113.0/24", backend: "nginx" });
    expect(events[0].userAgent).toHaveLength(512);
    expect(events[0].range).toHaveLength(100);
    expect(events[0].createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("logs no network when the client's address is unknown", async () => {
    const grantId = await grant();
    const base = { grantId, userId: null, ip: null, userAgent: null, range: null, backend: "node" };
    await store.log({ ...base, outcome: "LINK_REPLACED" });
    expect(await store.consume(grantId, new Date(), { ...base, network: null, outcome: "ALLOWED" })).toBe(true);
    const events = await prisma.downloadEvent.findMany({ where: { grantId }, orderBy: { outcome: "asc" } });
    expect(events.map((event) => [event.outcome, event.network])).toEqual([
      ["ALLOWED", null],
      ["LINK_REPLACED", null],
    ]);
  });

  it("counts rate-limit hits per key in fixed windows, in the table every instance shares", async () => {
    const t0 = Date.now();
    const key = `download:parity-${t0}`;
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) waits.push(await store.hitRateLimit(key, 3, 60_000, t0 + i));
    expect(waits).toEqual([0, 0, 0, 60]);
    expect(await store.hitRateLimit(`${key}-other`, 3, 60_000, t0 + 4)).toBe(0);
    expect(await store.hitRateLimit(key, 3, 60_000, t0 + 60_000)).toBe(0);
    expect(await prisma.rateLimit.findUnique({ where: { key } })).toEqual({
      key,
      hits: 1,
      windowEndsAt: BigInt(t0 + 120_000),
    });
  });

  it.runIf(name === "PostgreSQL")(
    "opens no more connections than DATABASE_POOL_SIZE, however many calls wait",
    async () => {
      const poolSize = 3;
      const grantId = await grant();
      // Named apart from the suite's own store, which stays connected meanwhile.
      const probeUrl = new URL(database.databaseUrl);
      probeUrl.searchParams.set("application_name", "bindery-pool-probe");
      const probe = createDownloadStore(probeUrl.toString(), poolSize);
      try {
        const grants = await Promise.all(Array.from({ length: 20 }, () => probe.findGrant(grantId)));
        expect(grants.every((found) => found?.grantId === grantId)).toBe(true);
        expect(await connectionsNamed(database.databaseUrl, "bindery-pool-probe")).toBe(poolSize);
      } finally {
        await probe.close();
      }
    },
  );

  it("lets exactly L of 50 concurrent requests (5 processes, own connections) through a limit of L", async () => {
    const limit = 7;
    const [processes, attempts] = [5, 10];
    const grantId = await grant({ limit });
    const wins = await consumeInParallel(database.databaseUrl, grantId, { processes, attempts });
    expect(wins).toHaveLength(processes);
    expect(wins.reduce((sum, won) => sum + won, 0)).toBe(limit);
    expect((await row(grantId)).downloadsUsed).toBe(limit);
    const logged = await prisma.downloadEvent.groupBy({ by: ["outcome"], where: { grantId }, _count: true });
    const count = (outcome: DownloadOutcome) => logged.find((group) => group.outcome === outcome)?._count ?? 0;
    expect(count("ALLOWED")).toBe(limit);
    expect(count("EXHAUSTED")).toBe(processes * attempts - limit);
    // Node processes compiling TypeScript at start-up: on a loaded 2-core machine that alone took 30 s.
  }, 120_000);
});

async function setOrderStatus(prisma: PrismaClient, grantId: string, status: "REFUNDED" | "DISPUTED") {
  const { orderItem } = await prisma.downloadGrant.findUniqueOrThrow({
    where: { id: grantId },
    include: { orderItem: true },
  });
  await prisma.order.update({ where: { id: orderItem.orderId }, data: { status } });
}

async function connectionsNamed(databaseUrl: string, applicationName: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
      [applicationName],
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

const CONSUMER = path.join(PROJECT_ROOT, "tests/helpers/download-store-consumer.ts");

/**
 * Runs `processes` consumers at once, each a Node process with its own store that makes `attempts` consume
 * calls at once; they start together once all are connected. Returns each one's successes.
 */
async function consumeInParallel(
  databaseUrl: string,
  grantId: string,
  { processes, attempts }: { processes: number; attempts: number },
): Promise<number[]> {
  const consumers = Array.from({ length: processes }, () => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", CONSUMER, databaseUrl, grantId, String(attempts)],
      { cwd: PROJECT_ROOT, stdio: ["pipe", "pipe", "inherit"] },
    );
    let output = "";
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.startsWith("ready\n")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`consumer exited with ${code} before it was ready`)));
    });
    const done = new Promise<number>((resolve, reject) => {
      child.on("exit", (code) => {
        const last = output.trim().split("\n").at(-1) ?? "";
        if (code !== 0) reject(new Error(`consumer exited with ${code}: ${output}`));
        else resolve((JSON.parse(last) as { won: number }).won);
      });
    });
    return { child, ready, done };
  });
  await Promise.all(consumers.map((consumer) => consumer.ready));
  for (const { child } of consumers) child.stdin.write("go\n");
  return Promise.all(consumers.map((consumer) => consumer.done));
}

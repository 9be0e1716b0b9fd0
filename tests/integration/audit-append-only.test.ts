import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreDb } from "../helpers/store-db";
import { PROJECT_ROOT, prepareTestEnvironment } from "../helpers/test-env";

// The audit log only grows: the migrated database refuses to change or remove a row, whoever asks.
let prisma: PrismaClient;
/** A connection of the test's own, beside the app's client. */
let ownConnection: StoreDb;
let rowId: string;

beforeAll(async () => {
  const env = prepareTestEnvironment("audit-append-only").env;
  process.env.DATABASE_URL = env.DATABASE_URL;
  process.env.AUTH_SECRET = env.AUTH_SECRET;
  prisma = await (await import("@/lib/db/client")).db();
  const { recordAudit } = await import("@/lib/admin/audit");
  await recordAudit(prisma, {
    actorId: null,
    action: "order.failed",
    targetType: "Order",
    targetId: "ord_append_only",
    details: { sessionId: "cs_1" },
  });
  rowId = (await prisma.auditLog.findFirstOrThrow({ where: { targetId: "ord_append_only" } })).id;
  ownConnection = new StoreDb(env.DATABASE_URL);
});
afterAll(() => ownConnection?.close());

const stored = () =>
  ownConnection.prisma.auditLog.findUniqueOrThrow({ where: { id: rowId }, select: { action: true, details: true } });

describe("the audit log is append-only in the database", () => {
  it("refuses UPDATE and DELETE through Prisma", async () => {
    const before = await stored();
    expect(before).toEqual({ action: "order.failed", details: '{"sessionId":"cs_1"}' });
    await expect(prisma.auditLog.update({ where: { id: rowId }, data: { details: "{}" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.auditLog.updateMany({ data: { action: "order.paid" } })).rejects.toThrow(/append-only/);
    await expect(prisma.auditLog.delete({ where: { id: rowId } })).rejects.toThrow(/append-only/);
    await expect(prisma.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await stored()).toEqual(before);
  });

  it("refuses UPDATE and DELETE in raw SQL, through Prisma and on a connection of its own", async () => {
    const before = await stored();
    await expect(prisma.$executeRawUnsafe(`UPDATE "AuditLog" SET details = '{}'`)).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    // Raw SQL on purpose (the database, not Prisma, must refuse it); quoted identifiers suit both providers.
    const own = ownConnection.prisma;
    await expect(own.$executeRaw`UPDATE "AuditLog" SET "actorId" = 'x' WHERE "id" = ${rowId}`).rejects.toThrow(
      /append-only/,
    );
    await expect(own.$executeRaw`DELETE FROM "AuditLog" WHERE "id" = ${rowId}`).rejects.toThrow(/append-only/);
    expect(await stored()).toEqual(before);
  });

  it("still takes new rows", async () => {
    const count = () => ownConnection.prisma.auditLog.count();
    const before = await count();
    await ownConnection.prisma.auditLog.create({
      data: { id: "al_own", action: "order.paid", targetType: "Order", targetId: "x" },
    });
    expect(await count()).toBe(before + 1);
  });
});

// lib/generated holds Prisma's generated PostgreSQL client, whose typings spell out every model method.
const GENERATED = path.join(PROJECT_ROOT, "lib", "generated");

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mjs|js)$/.test(entry.name))
    .filter((entry) => !path.join(entry.parentPath, entry.name).startsWith(GENERATED + path.sep))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("no code changes or removes audit rows", () => {
  // Any client spelling: prisma.auditLog.update(, tx.auditLog.deleteMany(, and raw SQL on the table.
  const WRITES =
    /auditLog\s*\??\.\s*(update|updateMany|upsert|delete|deleteMany)\s*\(|(UPDATE|DELETE\s+FROM)\s+"?AuditLog\b/i;

  it("finds no update, upsert or delete of auditLog in lib/, app/ or scripts/", () => {
    const files = ["lib", "app", "scripts"].flatMap((dir) => sourcesUnder(path.join(PROJECT_ROOT, dir)));
    const texts = files.map((file) => ({ file: path.relative(PROJECT_ROOT, file), text: readFileSync(file, "utf8") }));
    // The scan reads the code that writes the log: the pattern's object is there to be found.
    expect(texts.some(({ text }) => /auditLog\s*\.\s*create\s*\(/.test(text))).toBe(true);
    expect(WRITES.test("await tx.auditLog.delete({ where: { id } })")).toBe(true);
    expect(texts.filter(({ text }) => WRITES.test(text)).map(({ file }) => file)).toEqual([]);
  });
});

import { randomUUID } from "node:crypto";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { type OrderStatus, PrismaClient } from "@prisma/client";
// Not lib/db/postgres-client.ts: it imports "server-only", which Playwright's loader cannot resolve.
import { PrismaClient as PostgresPrismaClient } from "../../lib/generated/postgresql";

export type StoreProvider = "sqlite" | "postgresql";

export const providerOf = (databaseUrl: string): StoreProvider =>
  databaseUrl.startsWith("file:") ? "sqlite" : "postgresql";

/** A Prisma client on a test store's database, whichever provider its URL names. */
export function testPrisma(databaseUrl: string): PrismaClient {
  if (providerOf(databaseUrl) === "postgresql") {
    // Same models from the same schema: the cast is the one lib/db/postgres-client.ts explains.
    const adapter = new PrismaPg({ connectionString: databaseUrl, max: 4 });
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl, timeout: 5000 }) });
}

/**
 * Direct access to a test store's database, to arrange states the UI would take many steps to reach and
 * to read what a request changed. Everything goes through Prisma's models, so a suite runs unchanged on
 * SQLite and on PostgreSQL (BINDERY_TEST_DB=postgresql).
 */
export class StoreDb {
  #prisma: PrismaClient | undefined;
  readonly provider: StoreProvider;

  constructor(private readonly databaseUrl: string) {
    this.provider = providerOf(databaseUrl);
  }

  get prisma(): PrismaClient {
    this.#prisma ??= testPrisma(this.databaseUrl);
    return this.#prisma;
  }

  async close() {
    await this.#prisma?.$disconnect();
  }

  async userId(email: string): Promise<string> {
    return (await this.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
  }

  async file(
    displayName: string,
  ): Promise<{ id: string; productId: string; storageKey: string; sha256: string; size: number }> {
    return this.prisma.productFile.findFirstOrThrow({
      where: { displayName },
      select: { id: true, productId: true, storageKey: true, sha256: true, size: true },
    });
  }

  /** A paid order of `email` with one grant on the seeded file named `displayName`: the grant's id. */
  async grantOnFile(
    displayName: string,
    options: Omit<Parameters<StoreDb["createGrant"]>[0], "fileId" | "productId">,
  ): Promise<string> {
    const file = await this.file(displayName);
    return this.createGrant({ fileId: file.id, productId: file.productId, ...options });
  }

  async productId(slug: string): Promise<string> {
    return (await this.prisma.product.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
  }

  /** A paid order of one item with one grant for `fileId`, owned by `email`; returns the grant id. */
  async createGrant(options: {
    email: string;
    fileId: string;
    productId: string;
    limit?: number | null;
    expiresAt?: Date | null;
    orderStatus?: OrderStatus;
  }): Promise<string> {
    const now = new Date();
    const grantId = `grt_${randomUUID().replaceAll("-", "")}`;
    await this.prisma.order.create({
      data: {
        id: `ord_${randomUUID()}`,
        email: options.email,
        userId: await this.userId(options.email),
        status: options.orderStatus ?? "PAID",
        currency: "usd",
        subtotalCents: 100,
        totalCents: 100,
        paidAt: now,
        items: {
          create: {
            id: `itm_${randomUUID()}`,
            productId: options.productId,
            title: "Test",
            unitPriceCents: 100,
            grants: {
              create: {
                id: grantId,
                productFileId: options.fileId,
                downloadLimit: options.limit === undefined ? 5 : options.limit,
                expiresAt: options.expiresAt ?? null,
              },
            },
          },
        },
      },
    });
    return grantId;
  }

  async grant(id: string): Promise<{ downloadsUsed: number; revokedAt: Date | null; lastCountedAt: Date | null }> {
    return this.prisma.downloadGrant.findUniqueOrThrow({
      where: { id },
      select: { downloadsUsed: true, revokedAt: true, lastCountedAt: true },
    });
  }

  /** Sets a grant's count and the time of its last counted download (null: never counted). */
  async setCounted(grantId: string, downloadsUsed: number, lastCountedAt: Date | null) {
    await this.prisma.downloadGrant.update({ where: { id: grantId }, data: { downloadsUsed, lastCountedAt } });
  }

  async revoke(grantId: string, reason = "refund") {
    await this.prisma.downloadGrant.update({
      where: { id: grantId },
      data: { revokedAt: new Date(), revokedReason: reason },
    });
  }

  async events(
    grantId: string,
  ): Promise<
    { outcome: string; ip: string | null; userAgent: string | null; range: string | null; backend: string | null }[]
  > {
    return this.prisma.downloadEvent.findMany({
      where: { grantId },
      orderBy: { createdAt: "asc" },
      select: { outcome: true, ip: true, userAgent: true, range: true, backend: true },
    });
  }

  async eventCount(grantId: string): Promise<number> {
    return this.prisma.downloadEvent.count({ where: { grantId } });
  }

  /** Adds a file under an arbitrary storage key (as an import would) to an existing book. */
  async addFile(
    productId: string,
    storageKey: string,
    displayName: string,
    size: number,
    sha256: string,
  ): Promise<string> {
    const { id } = await this.prisma.productFile.create({
      data: {
        id: `fil_${randomUUID()}`,
        productId,
        displayName,
        storageKey,
        size,
        sha256,
        contentType: "application/pdf",
        version: 1,
        active: true,
      },
    });
    return id;
  }

  /**
   * Makes every INSERT into `table` fail with `message` (a trigger), as a full disk or a dropped
   * connection would, until the returned function restores it. With `onlyTo`, only OutboxMail rows to
   * that address fail (a run stopped part-way through).
   */
  async failInsertsInto(table: "OutboxMail" | "AuditLog" | "DownloadEvent", message: string, onlyTo?: string) {
    const name = `test_fail_${table.toLowerCase()}`;
    const quoted = message.replaceAll("'", "''");
    const when = onlyTo === undefined ? "" : `WHEN (NEW."to" = '${onlyTo.replaceAll("'", "''")}')`;
    if (this.provider === "sqlite") {
      await this.prisma.$executeRawUnsafe(
        `CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" ${when} BEGIN SELECT RAISE(ABORT, '${quoted}'); END`,
      );
      return async () => void (await this.prisma.$executeRawUnsafe(`DROP TRIGGER ${name}`));
    }
    await this.prisma.$executeRawUnsafe(
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${quoted}'; END $$`,
    );
    await this.prisma.$executeRawUnsafe(
      `CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" FOR EACH ROW ${when} EXECUTE FUNCTION ${name}()`,
    );
    return async () => void (await this.prisma.$executeRawUnsafe(`DROP FUNCTION ${name}() CASCADE`));
  }

  async setStorageKey(fileId: string, storageKey: string) {
    await this.prisma.productFile.update({ where: { id: fileId }, data: { storageKey } });
  }
}

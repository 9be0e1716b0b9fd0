import { rmSync } from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient, type OrderStatus } from "@prisma/client";
import { prepareTestEnvironment } from "./test-env";

/**
 * A migrated, seeded database for the download store parity suite, arranged through Prisma so the same
 * fixtures work on every database Prisma speaks.
 */
export interface StoreDatabase {
  databaseUrl: string;
  prisma: PrismaClient;
  dispose(): Promise<void>;
}

export async function sqliteStoreDatabase(): Promise<StoreDatabase> {
  const { dir, env } = prepareTestEnvironment("download-store", {}, { provider: "sqlite" });
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: env.DATABASE_URL, timeout: 5000 }) });
  return {
    databaseUrl: env.DATABASE_URL,
    prisma,
    async dispose() {
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface GrantOptions {
  /** The account that owns the order; null makes a guest order. */
  ownerEmail: string | null;
  fileName: string;
  limit?: number | null;
  expiresAt?: Date | null;
  orderStatus?: OrderStatus;
}

/** A paid order of one item with one grant; returns the grant id. */
export async function createGrant(prisma: PrismaClient, options: GrantOptions): Promise<string> {
  const file = await prisma.productFile.findFirstOrThrow({ where: { displayName: options.fileName } });
  const owner = options.ownerEmail
    ? await prisma.user.findUniqueOrThrow({ where: { email: options.ownerEmail } })
    : null;
  const order = await prisma.order.create({
    data: {
      email: options.ownerEmail ?? "guest@example.com",
      userId: owner?.id ?? null,
      status: options.orderStatus ?? "PAID",
      subtotalCents: 100,
      totalCents: 100,
      paidAt: new Date(),
      items: {
        create: {
          productId: file.productId,
          title: "Parity",
          unitPriceCents: 100,
          grants: {
            create: {
              productFileId: file.id,
              downloadLimit: options.limit === undefined ? 5 : options.limit,
              expiresAt: options.expiresAt ?? null,
            },
          },
        },
      },
    },
    include: { items: { include: { grants: true } } },
  });
  const grant = order.items[0]?.grants[0];
  if (!grant) throw new Error("the order was created without its grant");
  return grant.id;
}

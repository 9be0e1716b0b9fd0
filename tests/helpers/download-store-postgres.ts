import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaClient } from "@prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/postgresql";
import { generateStorageKey } from "@/lib/storage/keys";
import { SEED_BOOKS } from "../../prisma/seed/books";
import type { StoreDatabase } from "./download-store-db";
import { DEMO } from "./http-session";
import { startPostgres } from "./postgres";
import { prisma as prismaCli } from "./prisma-cli";

/**
 * A throwaway PostgreSQL cluster with one database migrated by `prisma migrate deploy` (the PostgreSQL
 * config) and the rows the download store reads: the demo reader and the demo catalog's file rows. The
 * store never opens a file, so no bytes are written. `durable` keeps the server's fsync defaults.
 */
export async function postgresStoreDatabase(options: { durable?: boolean } = {}): Promise<StoreDatabase> {
  const cluster = await startPostgres(options);
  try {
    const databaseUrl = await cluster.createDatabase("bindery");
    await prismaCli("postgresql", databaseUrl, ["migrate", "deploy"]);
    const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
    await seedStoreRows(client);
    return {
      databaseUrl,
      // Both clients are generated from one datamodel (only the provider line differs, and the schema parity
      // test holds the derived schema to it), so the model API the fixtures use is the same.
      prisma: client as unknown as PrismaClient,
      async dispose() {
        await client.$disconnect();
        cluster.stop();
      },
    };
  } catch (error) {
    cluster.stop();
    throw error;
  }
}

async function seedStoreRows(client: PostgresPrismaClient) {
  await client.user.create({ data: { email: DEMO.reader.email, name: "Demo Reader", emailVerifiedAt: new Date() } });
  for (const { files, hue: _hue, ...book } of SEED_BOOKS) {
    await client.product.create({
      data: {
        ...book,
        files: {
          create: files.map((file) => ({
            displayName: file.displayName,
            storageKey: generateStorageKey(file.kind),
            size: 0,
            sha256: "",
            contentType: file.kind === "epub" ? "application/epub+zip" : "application/pdf",
          })),
        },
      },
    });
  }
}

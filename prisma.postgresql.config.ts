import path from "node:path";
import { defineConfig } from "prisma/config";
import { PgMigrationAdapterFactory } from "./prisma/postgresql/migration-adapter";

// The PostgreSQL twin of prisma.config.ts, chosen with `--config prisma.postgresql.config.ts`. A separate
// file rather than a switch on DATABASE_URL inside prisma.config.ts: `prisma generate` must produce both
// clients whatever the URL says, and a misspelt URL must not quietly run the other provider's migrations.
// The schema is derived from prisma/schema.prisma by scripts/prisma-postgres-schema.mjs.

// As in prisma.config.ts: the CLI reads the schema's env("DATABASE_URL") before it knows about the adapter.
// `prisma generate` needs no database, so a placeholder is enough for it.
process.env.DATABASE_URL ??= "postgresql://localhost/bindery";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "postgresql", "schema.prisma"),
  // Seeds as prisma.config.ts does: the seed script writes through the app's client, which DATABASE_URL points here.
  migrations: { path: path.join("prisma", "postgresql", "migrations"), seed: "node scripts/db-seed.mjs" },
  async adapter() {
    return new PgMigrationAdapterFactory(process.env.DATABASE_URL ?? "");
  },
});

import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The CLI reads the schema's env("DATABASE_URL") before it knows about the adapter; without a value it
// falls back to downloading a native engine, which cannot work offline.
process.env.DATABASE_URL ??= "file:./data/bindery.db";

// The JS migration engine: migrations run through the same driver adapter the app uses, so no native
// schema engine is needed.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  // `prisma migrate reset` (and `migrate dev` on a fresh database) seeds through the same script as
  // `npm run db:seed`, so the demo catalog and its files are always made one way.
  migrations: { path: path.join("prisma", "migrations"), seed: "node scripts/db-seed.mjs" },
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "", timeout: 5000 });
  },
});

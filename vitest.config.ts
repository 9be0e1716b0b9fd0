import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Suites that also run on PostgreSQL: every integration suite that touches the store's database, except
 * those about the web servers' own behaviour (their download path is the same code on both databases,
 * and runs on PostgreSQL in multi-instance) and those that already run each database themselves.
 */
const ON_POSTGRESQL = ["tests/integration/**/*.test.ts", "tests/unit/account-tokens.test.ts"];
const NOT_ON_POSTGRESQL = [
  "tests/integration/servers/{apache,caddy,lighttpd,nginx,proxy-rules,render}.test.ts",
  "tests/integration/deploy-check{,-parts}.test.ts",
  // Each of these runs SQLite and PostgreSQL side by side already.
  "tests/integration/{schema-parity,download-store,db-copy,db-backup,db-backup-parts,postgres-shop,rate-limit}.test.ts",
  // Takes its own PostgreSQL cluster away and back.
  "tests/integration/database-outage.test.ts",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside React Server Components; domain modules are plain Node here.
      "server-only": path.resolve(__dirname, "tests/stubs/server-only.ts"),
    },
  },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    setupFiles: ["tests/helpers/database-tag.ts"],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["lib/**/*.test.ts", "tests/**/*.test.ts"],
          env: { BINDERY_TEST_DB: "sqlite" },
          // The store every suite copies, migrated and seeded once.
          globalSetup: ["tests/helpers/sqlite-global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgresql",
          include: ON_POSTGRESQL,
          exclude: NOT_ON_POSTGRESQL,
          env: { BINDERY_TEST_DB: "postgresql" },
          // One throwaway cluster for the project's run; each store gets its own database in it, a copy of
          // a template migrated and seeded once.
          globalSetup: ["tests/helpers/postgres-global-setup.ts"],
        },
      },
    ],
  },
});

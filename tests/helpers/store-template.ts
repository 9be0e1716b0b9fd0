import { cpSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { TestDatabaseProvider } from "./test-database";

/**
 * A migrated, seeded store made once per test run by the project's global setup and copied for each
 * suite: migrating and seeding take seconds, a copy milliseconds. The copy is the store the slow path
 * would make: the database holds only paths relative to PROTECTED_ROOT and MEDIA_ROOT, and nothing in it
 * depends on the suite's own settings except the seed's (SEED_*), which a copy never overrides.
 */
export interface StoreTemplate {
  dir: string;
  databaseUrl: string;
}

const variable = (provider: TestDatabaseProvider) => `BINDERY_TEST_TEMPLATE_${provider.toUpperCase()}`;

/** Hands a template to the project's workers, which inherit the global setup's environment. */
export function publishTemplate(provider: TestDatabaseProvider, template: StoreTemplate): void {
  if (provider === "sqlite") {
    // Everything into the main file, so that copying it copies the store.
    const sqlite = new Database(template.databaseUrl.slice("file:".length));
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    sqlite.close();
  }
  process.env[variable(provider)] = JSON.stringify(template);
}

/** The run's template for `provider`, when its global setup made one. */
export function publishedTemplate(provider: TestDatabaseProvider): StoreTemplate | undefined {
  const published = process.env[variable(provider)];
  return published ? (JSON.parse(published) as StoreTemplate) : undefined;
}

/** The template's database name in the cluster (PostgreSQL). */
export const templateDatabaseName = (template: StoreTemplate) => new URL(template.databaseUrl).pathname.slice(1);

/** Copies the template's files into `dir`, and its SQLite file to `databaseUrl`'s. */
export function copyTemplateFiles(template: StoreTemplate, dir: string, databaseUrl: string): void {
  for (const folder of ["protected", "media"])
    cpSync(path.join(template.dir, folder), path.join(dir, folder), { recursive: true });
  if (databaseUrl.startsWith("file:"))
    cpSync(template.databaseUrl.slice("file:".length), databaseUrl.slice("file:".length));
}

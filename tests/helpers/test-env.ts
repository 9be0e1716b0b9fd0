import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { copyTemplateFiles, publishedTemplate, templateDatabaseName } from "./store-template";
import { newStoreDatabaseUrl, testDatabaseProvider, type TestDatabaseProvider } from "./test-database";

export const PROJECT_ROOT = path.resolve(__dirname, "../..");

export interface TestEnvironment {
  dir: string;
  env: Record<string, string>;
}

/**
 * A fresh store under a temp dir: its own database (a SQLite file, or with BINDERY_TEST_DB=postgresql a
 * PostgreSQL database: test-database.ts), protected and media roots, migrated and seeded with the demo
 * catalog (the large demo file kept small). Everything a test server needs is in `env`; a DATABASE_URL
 * in `extra` names the database to use instead, and `provider` overrides BINDERY_TEST_DB. Under Vitest
 * the store is a copy of the run's template (store-template.ts) unless `extra` changes the database or
 * the seed.
 */
export function prepareTestEnvironment(
  name: string,
  extra: Record<string, string> = {},
  options: { provider?: TestDatabaseProvider } = {},
): TestEnvironment {
  const dir = mkdtempSync(path.join(os.tmpdir(), `bindery-${name}-`));
  // Web servers in front drop privileges; they must be able to traverse to the files.
  chmodSync(dir, 0o755);
  const provider = options.provider ?? testDatabaseProvider();
  const ownDatabase = Object.keys(extra).some((key) => key === "DATABASE_URL" || key.startsWith("SEED_"));
  const template = ownDatabase ? undefined : publishedTemplate(provider);
  const env: Record<string, string> = {
    DATABASE_URL:
      extra.DATABASE_URL ??
      newStoreDatabaseUrl(
        name,
        dir,
        provider,
        template && provider === "postgresql" ? templateDatabaseName(template) : undefined,
      ),
    PROTECTED_ROOT: path.join(dir, "protected"),
    MEDIA_ROOT: path.join(dir, "media"),
    AUTH_SECRET: randomBytes(32).toString("hex"),
    SEED_LARGE_FILE_MB: "2",
    ...extra,
  };
  if (template) {
    copyTemplateFiles(template, dir, env.DATABASE_URL);
    return { dir, env };
  }
  mkdirSync(env.PROTECTED_ROOT, { recursive: true });
  mkdirSync(env.MEDIA_ROOT, { recursive: true });
  const run = (script: string) =>
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, script)], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: "pipe",
    });
  run("scripts/db-migrate.mjs");
  run("scripts/db-seed.mjs");
  return { dir, env };
}

import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "./test-env";

const run = promisify(execFile);

/** The SQLite config (prisma.config.ts) or its PostgreSQL twin. */
export type PrismaProvider = "sqlite" | "postgresql";

const CONFIG: Record<PrismaProvider, string> = {
  sqlite: "prisma.config.ts",
  postgresql: "prisma.postgresql.config.ts",
};

/**
 * Runs the project's Prisma CLI offline (the JS schema engine, through the driver adapter of `provider`)
 * against `databaseUrl`, and returns its stdout. A non-zero exit rejects with the CLI's own output.
 */
export async function prisma(provider: PrismaProvider, databaseUrl: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(
      path.join(PROJECT_ROOT, "node_modules/.bin/prisma"),
      [...args, "--config", CONFIG[provider]],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`prisma ${args.join(" ")} (${provider}) failed:\n${stdout}\n${stderr}`);
  }
}

/** The SQL that builds `schemaPath`'s datamodel from nothing, as Prisma would write a first migration. */
export function schemaFromEmptySql(provider: PrismaProvider, databaseUrl: string, schemaPath: string) {
  return prisma(provider, databaseUrl, [
    "migrate",
    "diff",
    "--from-empty",
    "--to-schema-datamodel",
    schemaPath,
    "--script",
  ]);
}

// Which database DATABASE_URL names, for the scripts: the same rule as lib/config/schema.ts.

/** "sqlite" for file: URLs, "postgresql" for postgresql:// and postgres://, else undefined. */
export function databaseProviderOf(url) {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  return undefined;
}

/**
 * The Prisma CLI arguments that pick the provider's config: prisma.config.ts is the default, its
 * PostgreSQL twin must be named. An unknown scheme stops the script rather than guess.
 */
export function prismaConfigArgs(url) {
  const provider = databaseProviderOf(url);
  if (provider === "sqlite") return [];
  if (provider === "postgresql") return ["--config", "prisma.postgresql.config.ts"];
  console.error("DATABASE_URL: must start with file: (SQLite) or postgresql:// / postgres:// (PostgreSQL)");
  process.exit(1);
}

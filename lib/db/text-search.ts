import "server-only";
import type { Prisma } from "@prisma/client";
import { getConfig } from "@/lib/config";

/**
 * A "contains" filter that ignores case on both databases. SQLite's LIKE already ignores ASCII case;
 * PostgreSQL's is case-sensitive, so there the filter asks for ILIKE (`mode: "insensitive"`, which the
 * SQLite client's types do not know: it is added only when the PostgreSQL client will read it).
 */
export function containsText(text: string): Prisma.StringFilter {
  if (getConfig().databaseProvider !== "postgresql") return { contains: text };
  const insensitive = { contains: text, mode: "insensitive" };
  return insensitive;
}

import "server-only";

/**
 * The Prisma error code (P2002, P2025…) of a known request error from either client. Each generated
 * client carries its own runtime, so an error from the PostgreSQL client is not an instance of
 * `@prisma/client`'s `PrismaClientKnownRequestError`: the name and code are what both share.
 */
export function prismaErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== "PrismaClientKnownRequestError") return undefined;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** A unique constraint refused the write (P2002): the row, key or address already exists. */
export function isUniqueViolation(error: unknown): boolean {
  return prismaErrorCode(error) === "P2002";
}

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

/**
 * A serializable transaction lost to a concurrent one and may be retried. Prisma reports it as P2034
 * while a statement runs; when PostgreSQL detects it at COMMIT (SQLSTATE 40001), Prisma 6.19 throws
 * the driver adapter's own error instead, with the kind TransactionWriteConflict.
 */
export function isSerializationFailure(error: unknown): boolean {
  if (prismaErrorCode(error) === "P2034") return true;
  if (!(error instanceof Error) || error.name !== "DriverAdapterError") return false;
  const cause = (error as { cause?: { kind?: unknown; originalCode?: unknown } }).cause;
  return cause?.kind === "TransactionWriteConflict" || cause?.originalCode === "40001";
}

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

/** Driver error kinds that mean the database cannot be used at all right now, whatever was asked. */
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);

/**
 * The database is down, unreachable or locked past the busy timeout, rather than the request being
 * wrong: the store answers "briefly unavailable" (lib/db/outage.ts). PostgreSQL's "operator
 * intervention" (57P…, e.g. shutting down) and "connection exception" (08…) classes count, and so do
 * Node's refused or reset connections. Errors nest (a Prisma error carries the driver's, which carries
 * the server's): the whole chain is looked at.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const value = current as {
      code?: unknown;
      kind?: unknown;
      originalCode?: unknown;
      meta?: { driverAdapterError?: unknown };
      cause?: unknown;
    };
    if (typeof value.code === "string" && UNAVAILABLE_PRISMA_CODES.has(value.code)) return true;
    if (typeof value.code === "string" && ["ECONNREFUSED", "ECONNRESET", "ENOTFOUND"].includes(value.code)) return true;
    if (typeof value.kind === "string" && UNAVAILABLE_KINDS.has(value.kind)) return true;
    const sqlState =
      typeof value.originalCode === "string" ? value.originalCode : value.kind === "postgres" ? value.code : undefined;
    if (typeof sqlState === "string" && /^(57P|08)/.test(sqlState)) return true;
    current = value.meta?.driverAdapterError ?? value.cause;
  }
  return false;
}

import type { ProductFile } from "@prisma/client";

type FileIdentity = Pick<ProductFile, "id" | "lineageId">;

/** The id every version of a file shares: the first version's id. */
export function lineageRoot(file: FileIdentity): string {
  return file.lineageId ?? file.id;
}

/**
 * The one rule for revocations across versions: once any version of a file was revoked for an order
 * item (a refund, a dispute, staff), no later version of that file reaches the item — neither when a
 * new version is published nor when fulfilment runs again. Returns the lineages closed to the item.
 */
export function revokedLineages(grants: readonly { revokedAt: Date | null; productFile: FileIdentity }[]): Set<string> {
  return new Set(grants.filter((grant) => grant.revokedAt !== null).map((grant) => lineageRoot(grant.productFile)));
}

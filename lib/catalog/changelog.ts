import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/admin/audit";
import { NotFoundError } from "@/lib/errors";

export const CHANGELOG_MAX = 2000;

/** "What changed" in one version, as the admin wrote it; empty clears it. */
export const changelogSchema = z
  .string()
  .trim()
  .max(CHANGELOG_MAX, `At most ${CHANGELOG_MAX} characters.`)
  .transform((text) => (text === "" ? null : text.replace(/\r\n?/g, "\n")));

/**
 * Saves a version's changelog. Saving the same text again changes nothing and logs nothing, so a
 * resubmitted form needs no idempotency key.
 */
export async function setChangelog(actorId: string, fileId: string, changelog: string | null): Promise<boolean> {
  const prisma = await db();
  const file = await prisma.productFile.findUnique({
    where: { id: fileId },
    select: { changelog: true, productId: true, version: true },
  });
  if (!file) throw new NotFoundError("No such file.");
  if (file.changelog === changelog) return false;
  await prisma.$transaction(async (tx) => {
    await tx.productFile.update({ where: { id: fileId }, data: { changelog } });
    await recordAudit(tx, {
      actorId,
      action: "file.changelog",
      targetType: "ProductFile",
      targetId: fileId,
      details: { bookId: file.productId, version: file.version, before: file.changelog, after: changelog },
    });
  });
  return true;
}

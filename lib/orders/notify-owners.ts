import "server-only";
import type { PrismaClient } from "@prisma/client";
import { recordAudit } from "@/lib/admin/audit";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { NEW_VERSION_KEY_PREFIX } from "@/lib/mail/list-headers";
import { buildNewVersionMail } from "@/lib/mail/new-version-mail";
import { optOutPageUrl } from "@/lib/mail/opt-out-link";
import { enqueueMail } from "@/lib/mail/outbox";
import { countOwners, optedOutAmong, ownersPage, type VersionOwner } from "./version-owners";

/** One mail per version and address, whoever runs the notice and however often. */
export const newVersionDedupeKey = (fileId: string, address: string) => `${NEW_VERSION_KEY_PREFIX}${fileId}:${address}`;

export type NoticeStatus =
  | { state: "not_sent"; owners: number }
  | { state: "interrupted"; queued: number; owners: number; startedAt: Date }
  | { state: "sent"; queued: number; completedAt: Date };

/** What the admin page says beside a version: who a notice would mail, or what one did. */
export async function noticeStatus(fileId: string): Promise<NoticeStatus> {
  const prisma = await db();
  const notice = await prisma.versionNotice.findUnique({ where: { productFileId: fileId } });
  if (notice?.completedAt) return { state: "sent", queued: notice.queued, completedAt: notice.completedAt };
  const owners = await countOwners(prisma, fileId);
  if (notice) return { state: "interrupted", queued: notice.queued, owners, startedAt: notice.startedAt };
  return { state: "not_sent", owners };
}

export type NoticeResult =
  { state: "sent"; queued: number; completedAt: Date; alreadySent: boolean } | { state: "interrupted"; queued: number };

interface NoticeFile {
  id: string;
  productId: string;
  version: number;
  changelog: string | null;
  product: { title: string };
}

/**
 * Queues one owner's mail per address of the batch that is not queued yet nor opted out, and counts
 * them on the notice, in one transaction: a batch is queued whole or not at all.
 */
async function queueBatch(prisma: PrismaClient, file: NoticeFile, batch: VersionOwner[]): Promise<void> {
  const owners = [...new Map(batch.map((owner) => [owner.address, owner])).values()];
  if (owners.length === 0) return;
  const { appUrl, authSecret } = getConfig();
  await prisma.$transaction(
    async (tx) => {
      const keys = owners.map((owner) => newVersionDedupeKey(file.id, owner.address));
      const queued = new Set(
        (await tx.outboxMail.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } })).map(
          (row) => row.dedupeKey,
        ),
      );
      const optedOut = await optedOutAmong(
        tx,
        owners.map((owner) => owner.address),
      );
      const fresh = owners.filter(
        (owner) => !queued.has(newVersionDedupeKey(file.id, owner.address)) && !optedOut.has(owner.address),
      );
      for (const owner of fresh) {
        const mail = buildNewVersionMail({
          to: owner.email,
          title: file.product.title,
          version: file.version,
          changelog: file.changelog,
          libraryUrl: `${appUrl}/library`,
          optOutUrl: optOutPageUrl(appUrl, owner.address, authSecret),
        });
        await enqueueMail(tx, mail, newVersionDedupeKey(file.id, owner.address));
      }
      if (fresh.length > 0)
        await tx.versionNotice.update({
          where: { productFileId: file.id },
          data: { queued: { increment: fresh.length } },
        });
    },
    { timeout: 60_000 },
  );
}

/**
 * Mails every owner who may still download this version that it is out, through the outbox, once per
 * address. Owners are read and queued in batches (MAIL_NOTICE_BATCH_SIZE grants each) in grant id order;
 * a run that stops half-way (a crash, a failed insert) leaves its committed batches queued and counted,
 * and running it again goes over every owner once more, queueing only the ones without a mail yet.
 * Once a run has finished, the notice is done: running it again sends nothing.
 */
export async function notifyOwners(actorId: string, fileId: string): Promise<NoticeResult> {
  const prisma = await db();
  const file = await prisma.productFile.findUnique({
    where: { id: fileId },
    select: {
      id: true,
      productId: true,
      version: true,
      changelog: true,
      supersededAt: true,
      product: { select: { title: true } },
    },
  });
  if (!file) throw new NotFoundError("No such file.");
  const earlier = await prisma.versionNotice.findUnique({ where: { productFileId: fileId } });
  if (earlier?.completedAt)
    return { state: "sent", queued: earlier.queued, completedAt: earlier.completedAt, alreadySent: true };
  if (file.version === 1) throw new ConflictError("A first version has no earlier owners to tell: buyers get it.");
  if (file.supersededAt) throw new ConflictError("A newer version replaced this one: mail its owners instead.");
  // A run that finishes meanwhile is harmless: this one then queues nothing and answers "already sent".
  await prisma.versionNotice.upsert({
    where: { productFileId: fileId },
    create: { productFileId: fileId, requestedById: actorId },
    update: {},
  });

  const batchSize = getConfig().mail.noticeBatchSize;
  const now = new Date();
  try {
    let page = await ownersPage(prisma, fileId, null, batchSize, now);
    while (page.lastGrantId !== null) {
      await queueBatch(prisma, file, page.owners);
      page = await ownersPage(prisma, fileId, page.lastGrantId, batchSize, now);
    }
  } catch (error) {
    console.error(`[notice] ${fileId}: stopped, run it again to resume:`, error);
    const { queued } = await prisma.versionNotice.findUniqueOrThrow({ where: { productFileId: fileId } });
    return { state: "interrupted", queued };
  }

  return prisma.$transaction(async (tx) => {
    // Conditional: of two runs finishing together, one records the audit row.
    const finished = await tx.versionNotice.updateMany({
      where: { productFileId: fileId, completedAt: null },
      data: { completedAt: new Date() },
    });
    const done = await tx.versionNotice.findUniqueOrThrow({ where: { productFileId: fileId } });
    if (finished.count === 1) {
      await recordAudit(tx, {
        actorId,
        action: "file.notify_owners",
        targetType: "ProductFile",
        targetId: fileId,
        details: { bookId: file.productId, version: file.version, queued: done.queued },
      });
    }
    return {
      state: "sent",
      queued: done.queued,
      completedAt: done.completedAt ?? new Date(),
      alreadySent: finished.count !== 1,
    };
  });
}

import "server-only";
import { db } from "@/lib/db/client";
import { getConfig } from "@/lib/config";
import { formatOf } from "@/lib/catalog/formats";
import { statusesWhere, wasPaid } from "@/lib/orders/policy";
import { coverUrl } from "@/lib/catalog/queries";
import { denialFor, type Denial } from "./decide";
import { grantDownloadUrl } from "./signed-link";
import { copyState, type CopyState } from "@/lib/stamping/copy-state";

export interface LibraryFile {
  grantId: string;
  name: string;
  format: string;
  size: number;
  version: number;
  /** When this version was uploaded. */
  versionDate: Date;
  changelog: string | null;
  /** A later version (not the first), still current, that this grant never downloaded. */
  isNewVersion: boolean;
  downloadsLeft: number | null;
  expiresAt: Date | null;
  state: Denial | "ACTIVE";
  /** For books that stamp each buyer's copy: whether this buyer's copy is ready (lib/stamping). */
  copy: CopyState;
}

export interface LibraryBook {
  orderItemId: string;
  title: string;
  author: string;
  slug: string;
  coverUrl: string | null;
  coverWidth: number | null;
  coverHeight: number | null;
  purchasedAt: Date;
  files: LibraryFile[];
  hasNewVersion: boolean;
}

/**
 * "New" means this grant was never downloaded: no counted download ever stamped `lastCountedAt`. Not
 * downloadsUsed = 0, which a staff reset brings back; and not a search of the download log, which grows
 * with every request a grant ever had (the benchmark's library page fell to 3 requests a second).
 */
function isNewVersion(
  file: { version: number; supersededAt: Date | null },
  grant: { lastCountedAt: Date | null },
): boolean {
  return file.version > 1 && file.supersededAt === null && grant.lastCountedAt === null;
}

function readLibraryItems(prisma: Awaited<ReturnType<typeof db>>, userId: string) {
  return prisma.orderItem.findMany({
    where: { order: { userId, status: statusesWhere(wasPaid) } },
    orderBy: { order: { createdAt: "desc" } },
    include: {
      order: { select: { status: true, paidAt: true, createdAt: true } },
      product: {
        select: {
          title: true,
          author: true,
          slug: true,
          coverPath: true,
          coverWidth: true,
          coverHeight: true,
          stampCopies: true,
        },
      },
      grants: {
        include: { productFile: true, stampedCopy: { select: { status: true, sourceSha256: true } } },
        orderBy: [{ productFile: { displayName: "asc" } }, { productFile: { version: "desc" } }],
      },
    },
  });
}

type LibraryItem = Awaited<ReturnType<typeof readLibraryItems>>[number];

function toBook(item: LibraryItem, now: Date): LibraryBook {
  const files = item.grants.map((grant): LibraryFile => ({
    grantId: grant.id,
    name: grant.productFile.displayName,
    format: formatOf(grant.productFile.contentType),
    size: grant.productFile.size,
    version: grant.productFile.version,
    versionDate: grant.productFile.createdAt,
    changelog: grant.productFile.changelog,
    isNewVersion: isNewVersion(grant.productFile, grant),
    downloadsLeft: grant.downloadLimit === null ? null : Math.max(0, grant.downloadLimit - grant.downloadsUsed),
    expiresAt: grant.expiresAt,
    state: denialFor({ ...grant, orderStatus: item.order.status }, now) ?? "ACTIVE",
    copy: copyState(item.product.stampCopies, grant.productFile, grant.stampedCopy),
  }));
  return {
    orderItemId: item.id,
    title: item.product.title,
    author: item.product.author,
    slug: item.product.slug,
    coverUrl: coverUrl(item.product.coverPath),
    coverWidth: item.product.coverWidth,
    coverHeight: item.product.coverHeight,
    purchasedAt: item.order.paidAt ?? item.order.createdAt,
    files,
    hasNewVersion: files.some((file) => file.isNewVersion && file.state === "ACTIVE"),
  };
}

/** Every purchase of the user with its files and what each allows now: one query, whatever the count. */
export async function listLibrary(userId: string): Promise<LibraryBook[]> {
  const prisma = await db();
  const items = (await readLibraryItems(prisma, userId)).filter((item) => item.grants.length > 0);
  const now = new Date();
  return items.map((item) => toBook(item, now));
}

/** A fresh signed link for the owner of a grant (the library's "copy a link"). Null when not theirs. */
export async function mintSignedLink(userId: string, grantId: string): Promise<string | null> {
  const prisma = await db();
  const grant = await prisma.downloadGrant.findFirst({
    where: { id: grantId, orderItem: { order: { userId } } },
    select: { id: true, linkGeneration: true },
  });
  if (!grant) return null;
  const config = getConfig();
  return grantDownloadUrl(config.appUrl, grant, config.downloads.linkTtlHours * 3600, config.authSecret);
}

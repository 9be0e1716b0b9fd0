import "server-only";
import { db } from "@/lib/db/client";
import { getConfig } from "@/lib/config";
import { formatOf } from "@/lib/catalog/formats";
import { statusesWhere, wasPaid } from "@/lib/orders/policy";
import { coverUrl } from "@/lib/catalog/queries";
import { denialFor, type Denial } from "./decide";
import { signedQuery } from "./signed-link";

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
}

export interface LibraryBook {
  orderItemId: string;
  title: string;
  author: string;
  slug: string;
  coverUrl: string | null;
  purchasedAt: Date;
  files: LibraryFile[];
  hasNewVersion: boolean;
}

/**
 * "New" means no download of this grant was ever handed over (an ALLOWED event), not downloadsUsed = 0:
 * staff resetting the count, or free resumes, would make the count say "never downloaded" when it was.
 */
function isNewVersion(file: { version: number; supersededAt: Date | null }, allowedDownloads: number): boolean {
  return file.version > 1 && file.supersededAt === null && allowedDownloads === 0;
}

function readLibraryItems(prisma: Awaited<ReturnType<typeof db>>, userId: string) {
  return prisma.orderItem.findMany({
    where: { order: { userId, status: statusesWhere(wasPaid) } },
    orderBy: { order: { createdAt: "desc" } },
    include: {
      order: { select: { status: true, paidAt: true, createdAt: true } },
      product: { select: { title: true, author: true, slug: true, coverPath: true } },
      // The ALLOWED count is one grouped subquery for all grants, not a query per grant.
      grants: {
        include: { productFile: true, _count: { select: { events: { where: { outcome: "ALLOWED" } } } } },
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
    isNewVersion: isNewVersion(grant.productFile, grant._count.events),
    downloadsLeft: grant.downloadLimit === null ? null : Math.max(0, grant.downloadLimit - grant.downloadsUsed),
    expiresAt: grant.expiresAt,
    state: denialFor({ ...grant, orderStatus: item.order.status }, now) ?? "ACTIVE",
  }));
  return {
    orderItemId: item.id,
    title: item.product.title,
    author: item.product.author,
    slug: item.product.slug,
    coverUrl: coverUrl(item.product.coverPath),
    purchasedAt: item.order.paidAt ?? item.order.createdAt,
    files,
    hasNewVersion: files.some((file) => file.isNewVersion && file.state === "ACTIVE"),
  };
}

/** Every purchase of the user with its files and what each allows now. */
export async function listLibrary(userId: string): Promise<LibraryBook[]> {
  const items = await readLibraryItems(await db(), userId);
  const now = new Date();
  return items.filter((item) => item.grants.length > 0).map((item) => toBook(item, now));
}

/** A fresh signed link for the owner of a grant (the library's "copy a link"). Null when not theirs. */
export async function mintSignedLink(userId: string, grantId: string): Promise<string | null> {
  const prisma = await db();
  const grant = await prisma.downloadGrant.findFirst({
    where: { id: grantId, orderItem: { order: { userId } } },
    select: { id: true },
  });
  if (!grant) return null;
  const config = getConfig();
  return `${config.appUrl}/api/downloads/${grant.id}?${signedQuery(grant.id, config.downloads.linkTtlHours * 3600, config.authSecret)}`;
}

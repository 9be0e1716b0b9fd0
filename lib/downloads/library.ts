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
 * "New" means no download of this grant was ever handed over (an ALLOWED event), not downloadsUsed = 0:
 * staff resetting the count, or free resumes, would make the count say "never downloaded" when it was.
 */
function isNewVersion(file: { version: number; supersededAt: Date | null }, downloaded: boolean): boolean {
  return file.version > 1 && file.supersededAt === null && !downloaded;
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

/**
 * The grants among `grantIds` with at least one download handed over: one grouped query on the
 * (grantId, createdAt) index, bounded by this reader's grants. (Prisma's relation _count would join a
 * count over every ALLOWED event in the shop.)
 */
async function downloadedGrants(prisma: Awaited<ReturnType<typeof db>>, grantIds: string[]): Promise<Set<string>> {
  if (grantIds.length === 0) return new Set();
  const rows = await prisma.downloadEvent.groupBy({
    by: ["grantId"],
    where: { grantId: { in: grantIds }, outcome: "ALLOWED" },
  });
  return new Set(rows.map((row) => row.grantId).filter((id): id is string => id !== null));
}

function toBook(item: LibraryItem, downloaded: Set<string>, now: Date): LibraryBook {
  const files = item.grants.map((grant): LibraryFile => ({
    grantId: grant.id,
    name: grant.productFile.displayName,
    format: formatOf(grant.productFile.contentType),
    size: grant.productFile.size,
    version: grant.productFile.version,
    versionDate: grant.productFile.createdAt,
    changelog: grant.productFile.changelog,
    isNewVersion: isNewVersion(grant.productFile, downloaded.has(grant.id)),
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

/** Every purchase of the user with its files and what each allows now: two queries, whatever the count. */
export async function listLibrary(userId: string): Promise<LibraryBook[]> {
  const prisma = await db();
  const items = (await readLibraryItems(prisma, userId)).filter((item) => item.grants.length > 0);
  const downloaded = await downloadedGrants(
    prisma,
    items.flatMap((item) => item.grants.map((grant) => grant.id)),
  );
  const now = new Date();
  return items.map((item) => toBook(item, downloaded, now));
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

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
  coverWidth: number | null;
  coverHeight: number | null;
  purchasedAt: Date;
  files: LibraryFile[];
}

/** Every purchase of the user with its files and what each allows now. */
export async function listLibrary(userId: string): Promise<LibraryBook[]> {
  const prisma = await db();
  const items = await prisma.orderItem.findMany({
    where: { order: { userId, status: statusesWhere(wasPaid) } },
    orderBy: { order: { createdAt: "desc" } },
    include: {
      order: { select: { status: true, paidAt: true, createdAt: true } },
      product: {
        select: { title: true, author: true, slug: true, coverPath: true, coverWidth: true, coverHeight: true },
      },
      grants: { include: { productFile: true }, orderBy: { productFile: { displayName: "asc" } } },
    },
  });
  const now = new Date();
  return items
    .filter((item) => item.grants.length > 0)
    .map((item) => ({
      orderItemId: item.id,
      title: item.product.title,
      author: item.product.author,
      slug: item.product.slug,
      coverUrl: coverUrl(item.product.coverPath),
      coverWidth: item.product.coverWidth,
      coverHeight: item.product.coverHeight,
      purchasedAt: item.order.paidAt ?? item.order.createdAt,
      files: item.grants.map((grant) => ({
        grantId: grant.id,
        name: grant.productFile.displayName,
        format: formatOf(grant.productFile.contentType),
        size: grant.productFile.size,
        version: grant.productFile.version,
        downloadsLeft: grant.downloadLimit === null ? null : Math.max(0, grant.downloadLimit - grant.downloadsUsed),
        expiresAt: grant.expiresAt,
        state: denialFor({ ...grant, orderStatus: item.order.status }, now) ?? "ACTIVE",
      })),
    }));
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

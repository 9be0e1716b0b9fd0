import "server-only";
import { db } from "@/lib/db/client";
import { denialFor, type Denial } from "@/lib/downloads/decide";
import { copyState, type CopyState } from "@/lib/stamping/copy-state";
import { linkNetworksByGrant, NO_NETWORKS, type LinkNetworks } from "./link-networks";
import { STAFF_REVOKED_REASON } from "./staff-access";
import { buildOrderTimeline, type TimelineEntry } from "./staff-timeline";

export const DOWNLOAD_LOG_LIMIT = 100;

export interface StaffGrantView {
  id: string;
  itemId: string;
  itemTitle: string;
  file: string;
  version: number;
  downloadsUsed: number;
  downloadLimit: number | null;
  downloadsLeft: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  /** Revoked by a refund or a lost dispute (or its item was refunded): restoring needs explicit confirmation. */
  revokedByRefund: boolean;
  state: Denial | "ACTIVE";
  /** The buyer's stamped copy (books that stamp copies), and why stamping failed when it did. */
  copy: CopyState;
  copyFailure: string | null;
  /** Raised each time staff stopped the links given out; 0 while never stopped. */
  linkGeneration: number;
  networks: LinkNetworks;
}

/** Everything staff see about one order: lines, payment, grants, download log and timeline. */
export async function orderDetailForStaff(orderId: string, now = new Date()) {
  const prisma = await db();
  const order = await prisma.order.findUnique({
    where: { id: orderId },
    include: {
      user: { select: { id: true, email: true, name: true } },
      items: {
        orderBy: { title: "asc" },
        include: {
          product: { select: { stampCopies: true } },
          grants: {
            orderBy: { createdAt: "asc" },
            include: {
              productFile: { select: { displayName: true, version: true, contentType: true, sha256: true } },
              stampedCopy: { select: { status: true, sourceSha256: true, failure: true } },
            },
          },
        },
      },
    },
  });
  if (!order) return null;

  const networks = await linkNetworksByGrant(
    order.items.flatMap((item) => item.grants.map((grant) => grant.id)),
    now,
  );
  const grants: StaffGrantView[] = order.items.flatMap((item) =>
    item.grants.map((grant) => ({
      id: grant.id,
      itemId: item.id,
      itemTitle: item.title,
      file: grant.productFile.displayName,
      version: grant.productFile.version,
      downloadsUsed: grant.downloadsUsed,
      downloadLimit: grant.downloadLimit,
      downloadsLeft: grant.downloadLimit === null ? null : Math.max(0, grant.downloadLimit - grant.downloadsUsed),
      expiresAt: grant.expiresAt,
      revokedAt: grant.revokedAt,
      revokedReason: grant.revokedReason,
      revokedByRefund:
        grant.revokedAt !== null && (grant.revokedReason !== STAFF_REVOKED_REASON || item.refundedAt !== null),
      state: denialFor({ ...grant, orderStatus: order.status }, now) ?? "ACTIVE",
      copy: copyState(item.product.stampCopies, grant.productFile, grant.stampedCopy),
      copyFailure: grant.stampedCopy?.failure ?? null,
      linkGeneration: grant.linkGeneration,
      networks: networks.get(grant.id) ?? NO_NETWORKS,
    })),
  );
  const grantIds = grants.map((grant) => grant.id);

  const [events, eventCount, audit] = await Promise.all([
    prisma.downloadEvent.findMany({
      where: { grantId: { in: grantIds } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: DOWNLOAD_LOG_LIMIT,
      select: {
        id: true,
        grantId: true,
        createdAt: true,
        ip: true,
        userAgent: true,
        range: true,
        fileVersion: true,
        outcome: true,
      },
    }),
    prisma.downloadEvent.count({ where: { grantId: { in: grantIds } } }),
    prisma.auditLog.findMany({
      where: {
        OR: [
          { targetType: "Order", targetId: orderId },
          { targetType: "DownloadGrant", targetId: { in: grantIds } },
        ],
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { actor: { select: { email: true, name: true } } },
    }),
  ]);

  const fileOf = new Map(grants.map((grant) => [grant.id, grant.file]));
  const timeline: TimelineEntry[] = buildOrderTimeline(order, audit, fileOf);
  const { items, user, ...fields } = order;
  return {
    order: { ...fields, user },
    items: items.map(({ id, title, unitPriceCents, refundedAt, productId }) => ({
      id,
      title,
      unitPriceCents,
      refundedAt,
      productId,
    })),
    grants,
    downloads: {
      events: events.map((event) => ({ ...event, file: (event.grantId && fileOf.get(event.grantId)) || "—" })),
      total: eventCount,
    },
    timeline,
  };
}

export type StaffOrderDetail = NonNullable<Awaited<ReturnType<typeof orderDetailForStaff>>>;

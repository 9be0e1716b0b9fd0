import "server-only";
import { db } from "@/lib/db/client";
import type { DownloadOutcome } from "@/lib/downloads/outcomes";
import { countsAsRevenue, statusesWhere } from "@/lib/orders/policy";
import { linkNetworksByGrant, type LinkNetworks } from "@/lib/orders/link-networks";
import { utcDay } from "./date-range";

const DAY_MS = 86_400_000;
export const DASHBOARD_DAYS = 30;

export interface RevenueDay {
  day: string;
  netCents: number;
  orders: number;
}

export interface RevenueSeries {
  currency: string;
  days: RevenueDay[];
  netCents: number;
  refundedCents: number;
}

/** The last `days` UTC days, oldest first, today included. */
export function lastDays(now: Date, days = DASHBOARD_DAYS): string[] {
  const today = Date.parse(`${utcDay(now)}T00:00:00.000Z`);
  return Array.from({ length: days }, (_, i) => utcDay(new Date(today - (days - 1 - i) * DAY_MS)));
}

/**
 * Net revenue per day of payment, one series per currency (largest first). Grouped here rather than
 * in SQL: day truncation differs between SQLite and PostgreSQL, and 30 days of paid orders is a narrow
 * read (four columns).
 */
export function groupRevenueByDay(
  orders: readonly { paidAt: Date | null; totalCents: number; refundedCents: number; currency: string }[],
  days: readonly string[],
): RevenueSeries[] {
  const series = new Map<string, RevenueSeries>();
  for (const order of orders) {
    if (!order.paidAt) continue;
    const index = days.indexOf(utcDay(order.paidAt));
    if (index < 0) continue;
    let entry = series.get(order.currency);
    if (!entry) {
      entry = {
        currency: order.currency,
        days: days.map((day) => ({ day, netCents: 0, orders: 0 })),
        netCents: 0,
        refundedCents: 0,
      };
      series.set(order.currency, entry);
    }
    const net = order.totalCents - order.refundedCents;
    entry.days[index].netCents += net;
    entry.days[index].orders += 1;
    entry.netCents += net;
    entry.refundedCents += order.refundedCents;
  }
  return [...series.values()].sort((a, b) => b.netCents - a.netCents);
}

export const SHARED_LINKS_SHOWN = 20;

export interface SharedLinkRow {
  grantId: string;
  orderId: string;
  email: string;
  book: string;
  file: string;
  networks: LinkNetworks;
}

/** Grants whose links were used from more networks in 30 days than SHARED_LINK_NETWORKS, most first. */
export async function sharedLinkGrants(now = new Date()): Promise<SharedLinkRow[]> {
  const counts = await linkNetworksByGrant("all", now);
  const flagged = [...counts]
    .filter(([, networks]) => networks.flagged)
    .sort(([, a], [, b]) => b.month - a.month || b.day - a.day)
    .slice(0, SHARED_LINKS_SHOWN);
  if (flagged.length === 0) return [];
  const prisma = await db();
  const grants = await prisma.downloadGrant.findMany({
    where: { id: { in: flagged.map(([grantId]) => grantId) } },
    select: {
      id: true,
      productFile: { select: { displayName: true } },
      orderItem: { select: { title: true, order: { select: { id: true, email: true } } } },
    },
  });
  const byId = new Map(grants.map((grant) => [grant.id, grant]));
  return flagged.flatMap(([grantId, networks]) => {
    const grant = byId.get(grantId);
    if (!grant) return [];
    const { order } = grant.orderItem;
    return [
      {
        grantId,
        orderId: order.id,
        email: order.email,
        book: grant.orderItem.title,
        file: grant.productFile.displayName,
        networks,
      },
    ];
  });
}

export async function dashboardData(now = new Date()) {
  const prisma = await db();
  const days = lastDays(now);
  const since = new Date(`${days[0]}T00:00:00.000Z`);
  // Paid orders whatever happened after: their payment day counts, minus what was refunded.
  const paidRecently = { status: statusesWhere(countsAsRevenue), paidAt: { gte: since } };

  const [paid, downloads, pending, top, recent, sharedLinks] = await Promise.all([
    prisma.order.findMany({
      where: paidRecently,
      select: { paidAt: true, totalCents: true, refundedCents: true, currency: true },
    }),
    prisma.downloadEvent.count({ where: { createdAt: { gte: since }, outcome: "ALLOWED" satisfies DownloadOutcome } }),
    prisma.order.count({ where: { status: "PENDING", createdAt: { gte: since } } }),
    prisma.orderItem.groupBy({
      by: ["productId"],
      where: { refundedAt: null, order: paidRecently },
      _count: { productId: true },
      _sum: { unitPriceCents: true },
      orderBy: [{ _count: { productId: "desc" } }, { _sum: { unitPriceCents: "desc" } }],
      take: 5,
    }),
    prisma.order.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 8,
      select: { id: true, email: true, status: true, totalCents: true, currency: true, createdAt: true },
    }),
    sharedLinkGrants(now),
  ]);
  const products = await prisma.product.findMany({
    where: { id: { in: top.map((row) => row.productId) } },
    select: { id: true, title: true, currency: true },
  });
  const productById = new Map(products.map((product) => [product.id, product]));

  return {
    days,
    revenue: groupRevenueByDay(paid, days),
    paidOrders: paid.length,
    refundedOrders: paid.filter((order) => order.refundedCents > 0).length,
    pendingOrders: pending,
    downloads,
    topBooks: top.map((row) => ({
      productId: row.productId,
      title: productById.get(row.productId)?.title ?? "(deleted book)",
      currency: productById.get(row.productId)?.currency ?? "usd",
      sold: row._count.productId,
      revenueCents: row._sum.unitPriceCents ?? 0,
    })),
    recentOrders: recent,
    sharedLinks,
  };
}

export type DashboardData = Awaited<ReturnType<typeof dashboardData>>;

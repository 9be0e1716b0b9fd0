import { randomUUID } from "node:crypto";
import type { OrderStatus, Prisma } from "@prisma/client";
import { signedQuery } from "@/lib/downloads/signed-link";
import type { Shop } from "../helpers/shop";
import type { StoreDb } from "../helpers/store-db";

export interface BoughtOrder {
  orderId: string;
  paymentIntentId: string;
  items: { id: string; title: string; productId: string; unitPriceCents: number }[];
}

/** A guest starts Checkout for the books (by slug) through POST /api/checkout and never pays: a PENDING order. */
export async function checkoutAsGuest(shop: Shop, slugs: string[]): Promise<{ orderId: string; sessionId: string }> {
  const ids = await Promise.all(slugs.map((slug) => shop.db.productId(slug)));
  const checkout = await fetch(`${shop.app.url}/api/checkout`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: shop.app.url, cookie: `bindery_cart=${ids.join(".")}` },
  });
  const sessionId = (checkout.headers.get("location") ?? "").split("/pay/")[1] ?? "";
  if (!sessionId) throw new Error(`checkout failed: ${checkout.status} ${checkout.headers.get("location")}`);
  const order = await shop.db.prisma.order.findUnique({
    where: { stripeCheckoutSessionId: sessionId },
    select: { id: true },
  });
  if (!order) throw new Error(`no order for Checkout Session ${sessionId}`);
  return { orderId: order.id, sessionId };
}

/** A guest buys the books (by slug) through POST /api/checkout and the Stripe emulator's Pay button. */
export async function buyAsGuest(shop: Shop, slugs: string[], email: string): Promise<BoughtOrder> {
  const { sessionId } = await checkoutAsGuest(shop, slugs);
  await fetch(`${shop.emulator.url}/_emulator/sessions/${sessionId}/pay`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ outcome: "paid", email }),
  });
  await shop.emulator.idle();
  const order = await shop.db.prisma.order.findUniqueOrThrow({
    where: { stripeCheckoutSessionId: sessionId },
    select: { id: true, stripePaymentIntentId: true },
  });
  const items = await shop.db.prisma.orderItem.findMany({
    where: { orderId: order.id },
    orderBy: { title: "asc" },
    select: { id: true, title: true, productId: true, unitPriceCents: true },
  });
  if (!order.stripePaymentIntentId) throw new Error(`order ${order.id} was not paid`);
  return { orderId: order.id, paymentIntentId: order.stripePaymentIntentId, items };
}

export interface GrantRow {
  id: string;
  itemId: string;
  title: string;
  downloadsUsed: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  linkGeneration: number;
}

/** The order's grants, by book title then grant id. */
export async function grantsOf(db: StoreDb, orderId: string): Promise<GrantRow[]> {
  const grants = await db.prisma.downloadGrant.findMany({
    where: { orderItem: { orderId } },
    orderBy: [{ orderItem: { title: "asc" } }, { id: "asc" }],
    select: {
      id: true,
      downloadsUsed: true,
      expiresAt: true,
      revokedAt: true,
      revokedReason: true,
      linkGeneration: true,
      orderItem: { select: { id: true, title: true } },
    },
  });
  return grants.map(({ orderItem, ...grant }) => ({ ...grant, itemId: orderItem.id, title: orderItem.title }));
}

export interface AuditRow {
  action: string;
  targetType: string;
  targetId: string;
  actorId: string | null;
  details: Record<string, unknown>;
}

/** Audit rows about the order and its grants, oldest first; ids break ties (a cuid starts with time and counter). */
export async function auditOf(db: StoreDb, orderId: string): Promise<AuditRow[]> {
  const grantIds = (await grantsOf(db, orderId)).map((grant) => grant.id);
  const rows = await db.prisma.auditLog.findMany({
    where: {
      OR: [
        { targetType: "Order", targetId: orderId },
        { targetType: "DownloadGrant", targetId: { in: grantIds } },
      ],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { action: true, targetType: true, targetId: true, actorId: true, details: true },
  });
  return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
}

export const actionsOf = async (db: StoreDb, orderId: string) => (await auditOf(db, orderId)).map((row) => row.action);

/** The buyer's signed link for a grant (as in the receipt), fetched without a session. */
export async function downloadAsBuyer(shop: Shop, grantId: string, method: "GET" | "HEAD" = "HEAD"): Promise<Response> {
  const query = signedQuery(grantId, 600, shop.store.env.AUTH_SECRET);
  return fetch(`${shop.app.url}/api/downloads/${grantId}?${query}`, {
    method,
    headers: { "user-agent": "buyer-test" },
  });
}

export interface SeededOrder {
  email: string;
  status?: OrderStatus;
  createdAt: Date;
  totalCents?: number;
  refundedCents?: number;
  paidAt?: Date | null;
  sessionId?: string;
  paymentIntentId?: string;
  id?: string;
}

const orderRow = (order: SeededOrder): Prisma.OrderCreateManyInput & { id: string } => ({
  id: order.id ?? `ord_${randomUUID().replaceAll("-", "")}`,
  email: order.email,
  status: order.status ?? "PAID",
  currency: "usd",
  subtotalCents: order.totalCents ?? 1000,
  totalCents: order.totalCents ?? 1000,
  refundedCents: order.refundedCents ?? 0,
  paidAt: order.paidAt === undefined ? order.createdAt : order.paidAt,
  createdAt: order.createdAt,
  updatedAt: order.createdAt,
  stripeCheckoutSessionId: order.sessionId ?? null,
  stripePaymentIntentId: order.paymentIntentId ?? null,
});

/** Orders written straight into the database in one statement: for lists, filters and exports that need many rows. */
export async function insertOrders(db: StoreDb, orders: SeededOrder[]): Promise<string[]> {
  const rows = orders.map(orderRow);
  await db.prisma.order.createMany({ data: rows });
  return rows.map((row) => row.id);
}

export const insertOrder = async (db: StoreDb, order: SeededOrder): Promise<string> =>
  (await insertOrders(db, [order]))[0];

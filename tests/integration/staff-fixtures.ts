import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import { signedQuery } from "@/lib/downloads/signed-link";
import type { Shop } from "../helpers/shop";

export interface BoughtOrder {
  orderId: string;
  paymentIntentId: string;
  items: { id: string; title: string; productId: string; unitPriceCents: number }[];
}

/** A guest starts Checkout for the books (by slug) through POST /api/checkout and never pays: a PENDING order. */
export async function checkoutAsGuest(shop: Shop, slugs: string[]): Promise<{ orderId: string; sessionId: string }> {
  const ids = slugs.map(
    (slug) => (shop.db.sql.prepare(`SELECT id FROM Product WHERE slug = ?`).get(slug) as { id: string }).id,
  );
  const checkout = await fetch(`${shop.app.url}/api/checkout`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: shop.app.url, cookie: `bindery_cart=${ids.join(".")}` },
  });
  const sessionId = (checkout.headers.get("location") ?? "").split("/pay/")[1] ?? "";
  if (!sessionId) throw new Error(`checkout failed: ${checkout.status} ${checkout.headers.get("location")}`);
  const order = shop.db.sql.prepare(`SELECT id FROM "Order" WHERE stripeCheckoutSessionId = ?`).get(sessionId) as
    { id: string } | undefined;
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
  const order = shop.db.sql
    .prepare(`SELECT id, stripePaymentIntentId FROM "Order" WHERE stripeCheckoutSessionId = ?`)
    .get(sessionId) as { id: string; stripePaymentIntentId: string };
  const items = shop.db.sql
    .prepare(`SELECT id, title, productId, unitPriceCents FROM OrderItem WHERE orderId = ? ORDER BY title`)
    .all(order.id) as BoughtOrder["items"];
  return { orderId: order.id, paymentIntentId: order.stripePaymentIntentId, items };
}

export interface GrantRow {
  id: string;
  itemId: string;
  title: string;
  downloadsUsed: number;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
}

export function grantsOf(sql: Database.Database, orderId: string): GrantRow[] {
  return sql
    .prepare(
      `SELECT g.id, i.id AS itemId, i.title, g.downloadsUsed, g.expiresAt, g.revokedAt, g.revokedReason
       FROM DownloadGrant g JOIN OrderItem i ON i.id = g.orderItemId WHERE i.orderId = ? ORDER BY i.title, g.id`,
    )
    .all(orderId) as GrantRow[];
}

export interface AuditRow {
  action: string;
  targetType: string;
  targetId: string;
  actorId: string | null;
  details: Record<string, unknown>;
}

/** Audit rows about the order and its grants, oldest first. */
export function auditOf(sql: Database.Database, orderId: string): AuditRow[] {
  const rows = sql
    .prepare(
      `SELECT action, targetType, targetId, actorId, details FROM AuditLog
       WHERE (targetType = 'Order' AND targetId = ?)
          OR (targetType = 'DownloadGrant' AND targetId IN (SELECT g.id FROM DownloadGrant g JOIN OrderItem i ON i.id = g.orderItemId WHERE i.orderId = ?))
       ORDER BY createdAt, rowid`,
    )
    .all(orderId, orderId) as (Omit<AuditRow, "details"> & { details: string })[];
  return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
}

export const actionsOf = (sql: Database.Database, orderId: string) => auditOf(sql, orderId).map((row) => row.action);

/** The buyer's signed link for a grant (as in the receipt), fetched without a session. */
export async function downloadAsBuyer(shop: Shop, grantId: string, method: "GET" | "HEAD" = "HEAD"): Promise<Response> {
  const query = signedQuery(grantId, 600, shop.store.env.AUTH_SECRET);
  return fetch(`${shop.app.url}/api/downloads/${grantId}?${query}`, {
    method,
    headers: { "user-agent": "buyer-test" },
  });
}

/** A time as Prisma writes it to SQLite: text comparisons (ranges, keyset ties) need the same format. */
export const sqliteTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** An order written straight into the database: for lists, filters and exports that need many rows. */
export function insertOrder(
  sql: Database.Database,
  order: {
    email: string;
    status?: string;
    createdAt: Date;
    totalCents?: number;
    refundedCents?: number;
    paidAt?: Date | null;
    sessionId?: string;
    paymentIntentId?: string;
    id?: string;
  },
): string {
  const id = order.id ?? `ord_${randomUUID().replaceAll("-", "")}`;
  sql
    .prepare(
      `INSERT INTO "Order" (id, email, status, currency, subtotalCents, totalCents, refundedCents, paidAt, createdAt, updatedAt, stripeCheckoutSessionId, stripePaymentIntentId)
       VALUES (?, ?, ?, 'usd', ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      order.email,
      order.status ?? "PAID",
      order.totalCents ?? 1000,
      order.totalCents ?? 1000,
      order.refundedCents ?? 0,
      order.paidAt === undefined ? sqliteTime(order.createdAt) : order.paidAt && sqliteTime(order.paidAt),
      sqliteTime(order.createdAt),
      sqliteTime(order.createdAt),
      order.sessionId ?? null,
      order.paymentIntentId ?? null,
    );
  return id;
}

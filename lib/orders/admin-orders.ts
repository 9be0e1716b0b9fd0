import "server-only";
import { z } from "zod";
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";
import { dayAfter, startOfUtcDay } from "@/lib/admin/date-range";
import { encodeCursor, ORDER_SORTS, type OrderCursor, type OrderListQuery } from "./staff-order-query";

export const ORDER_PAGE_SIZE = 50;

const orderRowSelect = {
  id: true,
  email: true,
  status: true,
  totalCents: true,
  refundedCents: true,
  currency: true,
  createdAt: true,
  paidAt: true,
  _count: { select: { items: true } },
} satisfies Prisma.OrderSelect;

export type StaffOrderRow = Prisma.OrderGetPayload<{ select: typeof orderRowSelect }>;

export interface StaffOrderPage {
  rows: StaffOrderRow[];
  total: number;
  /** Cursor for the next page (older rows in the default sort), null on the last page. */
  next: string | null;
  /** Cursor for the previous page, null on the first page. */
  previous: string | null;
}

const fullEmail = z.email();

/**
 * What the search box matches. Stripe ids and full emails are exact matches on unique or indexed
 * columns; anything else is an exact order id or part of an email (a scan, bounded by the page size).
 * Emails are stored lower-cased, so lower-casing the query makes `contains` behave the same on SQLite
 * (case-insensitive LIKE) and PostgreSQL (case-sensitive LIKE).
 */
function searchWhere(q: string | undefined): Prisma.OrderWhereInput {
  if (!q) return {};
  if (q.startsWith("cs_")) return { stripeCheckoutSessionId: q };
  if (q.startsWith("pi_")) return { stripePaymentIntentId: q };
  const email = q.toLowerCase();
  if (fullEmail.safeParse(email).success) return { email };
  return { OR: [{ id: q }, { email: { contains: email } }] };
}

function filterWhere(query: OrderListQuery): Prisma.OrderWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (query.from) createdAt.gte = startOfUtcDay(query.from);
  if (query.to) createdAt.lt = dayAfter(query.to);
  return {
    ...searchWhere(query.q),
    ...(query.status ? { status: query.status } : {}),
    ...(query.from || query.to ? { createdAt } : {}),
  };
}

/** Rows beyond `cursor` when reading in `ascending` order of (sort field, id): the keyset condition. */
function beyond(field: "createdAt" | "totalCents", cursor: OrderCursor, ascending: boolean): Prisma.OrderWhereInput {
  const compare = <T>(value: T) => (ascending ? { gt: value } : { lt: value });
  if (field === "createdAt") {
    const at = new Date(String(cursor.value));
    return { OR: [{ createdAt: compare(at) }, { createdAt: at, id: compare(cursor.id) }] };
  }
  const total = Number(cursor.value);
  return { OR: [{ totalCents: compare(total) }, { totalCents: total, id: compare(cursor.id) }] };
}

function cursorOf(row: StaffOrderRow, field: "createdAt" | "totalCents"): string {
  return encodeCursor({ value: field === "createdAt" ? row.createdAt.toISOString() : row.totalCents, id: row.id });
}

/**
 * One page of the orders list. Keyset pagination on (sort field, id): each page is an index range
 * read of PAGE_SIZE + 1 rows, as fast on page 2,000 as on page 1, where OFFSET would read every row
 * before it. `before` reads backwards (reversed order) and flips the rows back.
 */
export async function listOrdersForStaff(query: OrderListQuery, pageSize = ORDER_PAGE_SIZE): Promise<StaffOrderPage> {
  const prisma = await db();
  const { field, direction } = ORDER_SORTS[query.sort];
  const backwards = query.before !== undefined;
  const cursor = query.before ?? query.after;
  const readAscending = (direction === "asc") !== backwards;
  const order = readAscending ? "asc" : "desc";
  const where = filterWhere(query);

  const [found, total] = await Promise.all([
    prisma.order.findMany({
      where: cursor ? { AND: [where, beyond(field, cursor, readAscending)] } : where,
      orderBy: [field === "createdAt" ? { createdAt: order } : { totalCents: order }, { id: order }],
      take: pageSize + 1,
      select: orderRowSelect,
    }),
    prisma.order.count({ where }),
  ]);
  const more = found.length > pageSize;
  const rows = found.slice(0, pageSize);
  if (backwards) rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    total,
    next: last && (backwards || more) ? cursorOf(last, field) : null,
    previous: first && (backwards ? more : cursor !== undefined) ? cursorOf(first, field) : null,
  };
}

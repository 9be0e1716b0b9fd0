import { z } from "zod";
import { isoDaySchema } from "@/lib/admin/date-range";

import { ORDER_STATUSES } from "./policy";

export const ORDER_SORTS = {
  newest: { field: "createdAt", direction: "desc", label: "Newest first" },
  oldest: { field: "createdAt", direction: "asc", label: "Oldest first" },
  "total-desc": { field: "totalCents", direction: "desc", label: "Largest total" },
  "total-asc": { field: "totalCents", direction: "asc", label: "Smallest total" },
} as const;
export type OrderSort = keyof typeof ORDER_SORTS;

/** Where a page ends: the sort value and id of its last (or first) row, opaque in the URL. */
export interface OrderCursor {
  value: string | number;
  id: string;
}

const cursorTupleSchema = z.tuple([z.union([z.string().max(40), z.number().int()]), z.string().min(1).max(64)]);

export function encodeCursor(cursor: OrderCursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString("base64url");
}

const cursorSchema = z
  .string()
  .max(200)
  .transform((text, ctx): OrderCursor => {
    try {
      const [value, id] = cursorTupleSchema.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
      return { value, id };
    } catch {
      ctx.addIssue({ code: "custom", message: "Bad page cursor" });
      return z.NEVER;
    }
  });

/** Query parameters arrive as string | string[] | undefined; blanks (empty form fields) mean "not set". */
function optionalParam<T extends z.ZodType>(schema: T) {
  return z
    .preprocess((raw) => {
      const value = Array.isArray(raw) ? raw[0] : raw;
      return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
    }, schema.optional())
    .catch(undefined);
}

/**
 * The orders list's URL: search, filters, sort and page. A malformed value is ignored rather than
 * refused, so a shared link with one stale parameter still opens.
 */
export const orderListQuerySchema = z.object({
  q: optionalParam(z.string().max(200)),
  status: optionalParam(z.enum(ORDER_STATUSES)),
  from: optionalParam(isoDaySchema),
  to: optionalParam(isoDaySchema),
  sort: optionalParam(z.enum(Object.keys(ORDER_SORTS) as [OrderSort, ...OrderSort[]])).transform(
    (sort) => sort ?? "newest",
  ),
  after: optionalParam(cursorSchema),
  before: optionalParam(cursorSchema),
});
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;

/** The same query as URL parameters, for links that keep the filters (pagination, sort). */
export function orderListParams(
  query: OrderListQuery,
  page: { after?: string; before?: string } = {},
): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (query.sort !== "newest") params.set("sort", query.sort);
  if (page.after) params.set("after", page.after);
  if (page.before) params.set("before", page.before);
  return params;
}

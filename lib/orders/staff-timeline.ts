import { z } from "zod";
import { formatMoney } from "@/lib/catalog/money";

export interface TimelineEntry {
  at: Date;
  title: string;
  /** Who: a staff member's name or email, "Stripe" for webhook-driven changes, null for the buyer. */
  actor: string | null;
  detail: string | null;
}

export interface AuditRow {
  action: string;
  targetType: string;
  targetId: string;
  details: string;
  createdAt: Date;
  actor: { email: string; name: string | null } | null;
}

const detailsSchema = z.object({
  to: z.string().optional(),
  amountCents: z.number().optional(),
  refundId: z.string().optional(),
  refundedCents: z.number().optional(),
  status: z.string().optional(),
  paymentIntentId: z.string().nullable().optional(),
  grantsRevoked: z.number().optional(),
  includeRefunded: z.boolean().optional(),
  expiresAt: z.string().optional(),
  reason: z.string().nullable().optional(),
  items: z.array(z.object({ title: z.string() })).optional(),
  grants: z.array(z.object({ file: z.string(), downloadsUsedBefore: z.number().optional() })).optional(),
});
type Details = z.infer<typeof detailsSchema>;

function parseDetails(text: string): Details {
  try {
    return detailsSchema.catch({}).parse(JSON.parse(text));
  } catch {
    return {};
  }
}

const titles = (details: Details) => details.items?.map((item) => item.title).join(", ") || null;
const files = (details: Details) => details.grants?.map((grant) => grant.file).join(", ") || null;

function describe(action: string, d: Details, currency: string): Pick<TimelineEntry, "title" | "detail"> {
  const money = (cents: number | undefined) => formatMoney(cents ?? 0, currency);
  switch (action) {
    case "order.paid":
      return { title: "Paid", detail: d.paymentIntentId ? `Stripe payment ${d.paymentIntentId}` : null };
    case "order.failed":
      return { title: "Payment failed", detail: null };
    case "order.canceled":
      return { title: "Checkout expired: order canceled", detail: null };
    case "order.refund":
      return {
        title: `Refund of ${money(d.amountCents)} issued through Stripe`,
        detail: [titles(d), d.refundId].filter(Boolean).join(" · ") || null,
      };
    case "order.refunded":
      return {
        title: `Refund applied: ${money(d.refundedCents)} refunded in total, order ${d.status?.toLowerCase().replace("_", " ") ?? "updated"}`,
        detail: d.grantsRevoked
          ? `${d.grantsRevoked} download grant${d.grantsRevoked === 1 ? "" : "s"} revoked${titles(d) ? ` (${titles(d)})` : ""}`
          : null,
      };
    case "order.disputed":
      return { title: "Payment disputed: downloads paused", detail: d.reason ?? null };
    case "order.dispute_won":
      return { title: "Dispute won: downloads resumed", detail: null };
    case "order.dispute_lost":
      return { title: "Dispute lost: access revoked", detail: null };
    case "order.resend_receipt":
      return { title: "Receipt resent", detail: d.to ? `to ${d.to}, with fresh download links` : null };
    case "grant.revoke":
      return { title: "Access revoked", detail: files(d) };
    case "grant.restore":
      return {
        title: d.includeRefunded ? "Access restored, including access revoked by a refund" : "Access restored",
        detail: files(d),
      };
    case "grant.reset_downloads":
      return {
        title: "Download count reset",
        detail: d.grants?.map((g) => `${g.file} (was ${g.downloadsUsedBefore ?? "?"})`).join(", ") ?? null,
      };
    case "grant.extend_expiry":
      return { title: `Access extended until ${d.expiresAt?.slice(0, 10) ?? "a later date"}`, detail: files(d) };
    default:
      return { title: action, detail: null };
  }
}

/**
 * The order's history, oldest first: creation and payment from the order itself, then every audit row
 * of the order and its grants (staff actions and webhook-driven status changes). Orders paid before
 * payments were audited have no "order.paid" row: their paidAt stands in for it.
 */
export function buildOrderTimeline(
  order: { createdAt: Date; paidAt: Date | null; currency: string },
  audit: readonly AuditRow[],
  fileOf: ReadonlyMap<string, string>,
): TimelineEntry[] {
  const created: TimelineEntry = { at: order.createdAt, title: "Order created at checkout", actor: null, detail: null };
  const entries: TimelineEntry[] = [];
  if (order.paidAt && !audit.some((row) => row.action === "order.paid")) {
    entries.push({ at: order.paidAt, title: "Paid", actor: null, detail: null });
  }
  for (const row of audit) {
    const { title, detail } = describe(row.action, parseDetails(row.details), order.currency);
    const grantFile = row.targetType === "DownloadGrant" ? fileOf.get(row.targetId) : undefined;
    entries.push({
      at: row.createdAt,
      title,
      actor: row.actor ? (row.actor.name ?? row.actor.email) : "Stripe",
      detail: detail ?? grantFile ?? null,
    });
  }
  // Creation stays first even when clocks put a payment a millisecond before it.
  return [created, ...entries.sort((a, b) => a.at.getTime() - b.at.getTime())];
}

import { z } from "zod";
import { auditActionLabel, parseAuditAction, type AuditAction } from "@/lib/admin/audit-actions";
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
  problem: z.string().optional(),
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

function describe(action: AuditAction, d: Details, currency: string): Pick<TimelineEntry, "title" | "detail"> {
  const money = (cents: number | undefined) => formatMoney(cents ?? 0, currency);
  const label = auditActionLabel(action);
  switch (action) {
    case "order.paid":
      return { title: label, detail: d.paymentIntentId ? `Stripe payment ${d.paymentIntentId}` : null };
    case "order.failed":
    case "order.canceled":
    case "order.dispute_won":
    case "order.dispute_closed":
    case "order.dispute_lost":
      return { title: label, detail: null };
    case "order.payment_mismatch":
      return { title: label, detail: d.problem ?? null };
    case "order.refund":
      return {
        title: `Refund of ${money(d.amountCents)} issued through Stripe`,
        detail: [titles(d), d.refundId].filter(Boolean).join(" · ") || null,
      };
    case "order.refunded":
      return {
        title:
          `${label}: ${money(d.refundedCents)} refunded in total, ` +
          `order ${d.status?.toLowerCase().replace("_", " ") ?? "updated"}`,
        detail: d.grantsRevoked
          ? `${d.grantsRevoked} download grant${d.grantsRevoked === 1 ? "" : "s"} revoked` +
            (titles(d) ? ` (${titles(d)})` : "")
          : null,
      };
    case "order.disputed":
      return { title: label, detail: d.reason ?? null };
    case "order.resend_receipt":
      return { title: label, detail: d.to ? `to ${d.to}, with fresh download links` : null };
    case "grant.revoke":
      return { title: label, detail: files(d) };
    case "grant.restore":
      return {
        title: d.includeRefunded ? `${label}, including access revoked by a refund` : label,
        detail: files(d),
      };
    case "grant.reset_downloads":
      return {
        title: label,
        detail: d.grants?.map((g) => `${g.file} (was ${g.downloadsUsedBefore ?? "?"})`).join(", ") ?? null,
      };
    case "grant.extend_expiry":
      return { title: `${label} until ${d.expiresAt?.slice(0, 10) ?? "a later date"}`, detail: files(d) };
    case "grant.stop_shared_links":
      return { title: label, detail: files(d) && `${files(d)}: links given out before no longer work` };
    // Catalog and account changes are not about one order; named by their label wherever they show up.
    case "book.create":
    case "book.update":
    case "book.publish":
    case "book.unpublish":
    case "book.cover":
    case "book.sample":
    case "book.categories":
    case "category.create":
    case "category.rename":
    case "category.delete":
    case "file.upload":
    case "file.new_version":
    case "file.granted_to_past_buyers":
    case "file.reactivate":
    case "file.deactivate":
    case "file.changelog":
    case "file.notify_owners":
    case "user.role":
      return { title: label, detail: null };
    default: {
      const unlabelled: never = action;
      return { title: String(unlabelled), detail: null };
    }
  }
}

/** A stored row read back: an action this version does not know gets a generic title, not a crash. */
function describeRow(raw: string, d: Details, currency: string): Pick<TimelineEntry, "title" | "detail"> {
  const action = parseAuditAction(raw);
  return action ? describe(action, d, currency) : { title: `Recorded change (${raw})`, detail: null };
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
    const { title, detail } = describeRow(row.action, parseDetails(row.details), order.currency);
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

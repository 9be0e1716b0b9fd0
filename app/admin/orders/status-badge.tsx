import { statusLabel } from "./format";

const TONES: Record<string, string> = {
  PAID: "bg-emerald-100 text-emerald-900",
  ACTIVE: "bg-emerald-100 text-emerald-900",
  ALLOWED: "bg-emerald-100 text-emerald-900",
  PENDING: "bg-stone-200 text-stone-800",
  PARTIALLY_REFUNDED: "bg-amber-100 text-amber-900",
  REFUNDED: "bg-red-100 text-red-900",
  REVOKED: "bg-red-100 text-red-900",
  DISPUTED: "bg-purple-100 text-purple-900",
  SUSPENDED: "bg-purple-100 text-purple-900",
  EXPIRED: "bg-stone-200 text-stone-800",
  EXHAUSTED: "bg-amber-100 text-amber-900",
  CANCELED: "bg-stone-200 text-stone-800",
  FAILED: "bg-red-100 text-red-900",
};

/** An order status or a grant state as a coloured label (the text carries the meaning, not the colour). */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${TONES[status] ?? "bg-stone-200 text-stone-800"}`}
      data-testid="status"
    >
      {statusLabel(status)}
    </span>
  );
}

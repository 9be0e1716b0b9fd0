import type { Denial } from "@/lib/downloads/decide";
import { isDownloadOutcome, type DownloadOutcome } from "@/lib/downloads/outcomes";
import type { OrderStatus } from "@/lib/orders/policy";
import { statusLabel } from "./format";

const GREEN = "bg-emerald-100 text-emerald-900";
const GREY = "bg-stone-200 text-stone-800";
const AMBER = "bg-amber-100 text-amber-900";
const RED = "bg-red-100 text-red-900";
const PURPLE = "bg-purple-100 text-purple-900";

type BadgeStatus = OrderStatus | Denial | "ACTIVE";

// Exhaustive on purpose: a new order status or grant state does not compile without its tone.
const TONES: Record<BadgeStatus, string> = {
  PAID: GREEN,
  ACTIVE: GREEN,
  PENDING: GREY,
  PARTIALLY_REFUNDED: AMBER,
  REFUNDED: RED,
  REVOKED: RED,
  DISPUTED: PURPLE,
  SUSPENDED: PURPLE,
  EXPIRED: GREY,
  EXHAUSTED: AMBER,
  CANCELED: GREY,
  FAILED: RED,
};

// Exhaustive too; the refusals share the grant states' tones, the caller's own mistakes are grey.
const OUTCOME_TONES: Record<DownloadOutcome, string> = {
  ALLOWED: GREEN,
  REVOKED: TONES.REVOKED,
  SUSPENDED: TONES.SUSPENDED,
  EXPIRED: TONES.EXPIRED,
  EXHAUSTED: TONES.EXHAUSTED,
  NOT_FOUND: GREY,
  BAD_SIGNATURE: GREY,
  LINK_EXPIRED: GREY,
  LINK_REPLACED: GREY,
  MISSING_FILE: GREY,
  RATE_LIMITED: GREY,
  PREPARING: GREY,
};

function Badge({ text, tone }: { text: string; tone: string }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${tone}`}
      data-testid="status"
    >
      {statusLabel(text)}
    </span>
  );
}

/** An order status or a grant state as a coloured label (the text carries the meaning, not the colour). */
export function StatusBadge({ status }: { status: BadgeStatus }) {
  return <Badge text={status} tone={TONES[status]} />;
}

/** A download log outcome (stored as text) as a coloured label; a value outside the union is grey. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge text={outcome} tone={isDownloadOutcome(outcome) ? OUTCOME_TONES[outcome] : GREY} />;
}

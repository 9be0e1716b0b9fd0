import "server-only";
import { ValidationError } from "@/lib/errors";
import { changeGrants, plural, type GrantTarget, type StaffActionResult, type StaffActor } from "./staff-grant-change";

/** Sets the download count back to zero. Grants with nothing used are left alone, so a repeat is a no-op. */
export function resetDownloadCount(
  target: GrantTarget,
  actor: StaffActor,
  requestKey: string,
): Promise<StaffActionResult> {
  return changeGrants(target, actor, requestKey, {
    action: "grant.reset_downloads",
    pending: { downloadsUsed: { gt: 0 } },
    data: { downloadsUsed: 0 },
    describe: (grant) => ({ downloadsUsedBefore: grant.downloadsUsed }),
    unchanged: "No downloads used: nothing to reset.",
    done: (count) => `Reset the download count of ${plural(count, "file")}.`,
  });
}

/** The last moment of `day` (YYYY-MM-DD) in UTC: access "until 2026-12-31" includes that whole day. */
export function endOfUtcDay(day: string): Date {
  return new Date(`${day}T23:59:59.000Z`);
}

/**
 * Moves the expiry of grants that expire before `untilDay` to the end of that day. It sets a date
 * rather than adding days, so submitting it twice gives the same result; it never shortens access and
 * leaves grants without expiry alone.
 */
export function extendExpiry(
  target: GrantTarget,
  actor: StaffActor,
  requestKey: string,
  untilDay: string,
  now = new Date(),
): Promise<StaffActionResult> {
  const until = endOfUtcDay(untilDay);
  if (Number.isNaN(until.getTime()) || until.getTime() <= now.getTime())
    throw new ValidationError("Pick a day in the future");
  return changeGrants(target, actor, requestKey, {
    action: "grant.extend_expiry",
    pending: { expiresAt: { lt: until } },
    data: { expiresAt: until },
    describe: (grant) => ({ expiresAtBefore: grant.expiresAt?.toISOString() ?? null }),
    extraDetails: { expiresAt: until.toISOString() },
    unchanged: `Access already lasts until ${untilDay} or longer (or never expires): nothing changed.`,
    done: (count) => `Extended access to ${plural(count, "file")} until ${untilDay}.`,
  });
}

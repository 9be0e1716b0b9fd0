import { z } from "zod";

const DAY_MS = 86_400_000;

/** A calendar day as staff type it (2026-11-22); the back office counts days in UTC. */
export const isoDaySchema = z.iso.date({ error: "Use a date like 2026-11-22" });

export interface DayRange {
  from: string;
  to: string;
  /** Inclusive start: `from` at 00:00 UTC. */
  start: Date;
  /** Exclusive end: the day after `to` at 00:00 UTC, so `to` counts as a whole day. */
  end: Date;
}

export function startOfUtcDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function dayAfter(day: string): Date {
  return new Date(startOfUtcDay(day).getTime() + DAY_MS);
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `from` and `to`, both required, `from` not after `to`: the range of an export. */
export const dayRangeSchema = z
  .object({ from: isoDaySchema, to: isoDaySchema })
  .refine((range) => range.from <= range.to, {
    message: "The start date must be on or before the end date",
    path: ["to"],
  })
  .transform((range): DayRange => ({ ...range, start: startOfUtcDay(range.from), end: dayAfter(range.to) }));

/** Back-office times are UTC, the zone the CSV exports and date filters use. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** PARTIALLY_REFUNDED → "Partially refunded". */
export function statusLabel(status: string): string {
  const words = status.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

import "server-only";
import { csvResponse, csvStream, type CsvValue } from "./csv";
import { dayRangeSchema, type DayRange } from "./date-range";

export interface CsvExport {
  /** File name prefix: "orders" gives orders-2026-11-01-to-2026-11-22.csv. */
  name: string;
  header: readonly string[];
  batches: (range: DayRange) => AsyncIterable<CsvValue[][]>;
}

/** GET ?from=YYYY-MM-DD&to=YYYY-MM-DD → the export streamed as CSV, or 400 naming what is wrong. */
export function csvExportResponse(request: Request, csvExport: CsvExport): Response {
  const range = dayRangeSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!range.success) {
    const problems = range.error.issues.map((issue) => `${issue.path.join(".") || "range"}: ${issue.message}`);
    return new Response(`Choose a date range (from and to, YYYY-MM-DD).\n${problems.join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const { from, to } = range.data;
  return csvResponse(
    `${csvExport.name}-${from}-to-${to}.csv`,
    csvStream(csvExport.header, csvExport.batches(range.data)),
  );
}

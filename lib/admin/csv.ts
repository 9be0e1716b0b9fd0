export type CsvValue = string | number | Date | null | undefined;

// Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection"); tab and
// CR are included because some of them skip leading whitespace before looking, and the full-width
// forms (U+FF1D ＝, U+FF0B ＋, U+FF0D －, U+FF20 ＠) because spreadsheets with East Asian input
// normalise them to their ASCII twins and run the formula too.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One cell, always quoted with inner quotes doubled (RFC 4180). Text that a spreadsheet would run as a
 * formula gets a leading `'`, which makes it plain text. Numbers are ours, never user input: kept as is.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '""';
  if (typeof value === "number") return `"${value}"`;
  const text = value instanceof Date ? value.toISOString() : value;
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function csvLine(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * A CSV body that is produced batch by batch as the client reads it: `pull` asks for the next batch only
 * when the previous one was consumed, so memory holds one batch whatever the size of the export.
 * Starts with a UTF-8 byte order mark so Excel reads accented titles and emails correctly.
 */
export function csvStream(header: readonly string[], batches: AsyncIterable<CsvValue[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** A CSV download: the browser saves it under `filename` (ASCII, built from validated input only). */
export function csvResponse(filename: string, body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

import { describe, expect, it } from "vitest";
import { csvCell, csvLine, csvResponse, csvStream, type CsvValue } from "@/lib/admin/csv";

describe("csvCell", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ["+1+cmd|' /C calc'!A0", `"'+1+cmd|' /C calc'!A0"`],
    ["-2+3", `"'-2+3"`],
    ["@SUM(A1:A9)", `"'@SUM(A1:A9)"`],
    ["\t=1+1", `"'\t=1+1"`],
    ["\r=1+1", `"'\r=1+1"`],
    ["\tplain", `"'\tplain"`],
    ["\rplain", `"'\rplain"`],
    ['\uFF1DHYPERLINK("http://evil.example")', `"'\uFF1DHYPERLINK(""http://evil.example"")"`],
    ["\uFF0B1+1", `"'\uFF0B1+1"`],
    ["\uFF0D2+3", `"'\uFF0D2+3"`],
    ["\uFF20SUM(A1:A9)", `"'\uFF20SUM(A1:A9)"`],
  ])("makes %j plain text for spreadsheets", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("quotes every cell and doubles inner quotes; commas and line breaks stay inside the cell", () => {
    expect(csvCell("plain")).toBe('"plain"');
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell("a=b")).toBe('"a=b"');
    expect(csvCell("a\uFF1Db")).toBe('"a\uFF1Db"');
    expect(csvCell("\uFF21bc")).toBe('"\uFF21bc"');
  });

  it("writes numbers as they are, dates as ISO 8601, and nothing for null", () => {
    expect(csvCell(1200)).toBe('"1200"');
    expect(csvCell(-5)).toBe('"-5"');
    expect(csvCell(new Date("2026-11-22T10:00:00.000Z"))).toBe('"2026-11-22T10:00:00.000Z"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(undefined)).toBe('""');
  });

  it("ends lines with CRLF (RFC 4180)", () => {
    expect(csvLine(["a", 1, null])).toBe('"a","1",""\r\n');
  });
});

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  // Keep the byte order mark: Response.text() would drop it.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

describe("csvStream", () => {
  it("writes a BOM, the header and every batch", async () => {
    async function* batches(): AsyncGenerator<CsvValue[][]> {
      yield [["1", "=evil"]];
      yield [
        ["2", "ok"],
        ["3", "@x"],
      ];
    }
    const text = await readAll(csvStream(["id", "value"], batches()));
    expect(text).toBe(`\uFEFF"id","value"\r\n"1","'=evil"\r\n"2","ok"\r\n"3","'@x"\r\n`);
  });

  it("asks for the next batch only when the reader wants more; stops the source when the reader cancels", async () => {
    let produced = 0;
    let finished = false;
    async function* endless(): AsyncGenerator<CsvValue[][]> {
      try {
        for (;;) {
          produced += 1;
          yield [[produced, "x".repeat(1000)]];
        }
      } finally {
        finished = true;
      }
    }
    const reader = csvStream(["n", "payload"], endless()).getReader();
    for (let i = 0; i < 3; i++) await reader.read();
    // Header + 2 batches read; the stream may pull one ahead to fill its queue, never the whole source.
    expect(produced).toBeLessThanOrEqual(4);
    await reader.cancel();
    expect(finished).toBe(true);
  });

  it("is served as a CSV attachment", () => {
    const response = csvResponse("orders-2026-11-01-to-2026-11-22.csv", new ReadableStream());
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="orders-2026-11-01-to-2026-11-22.csv"',
    );
  });
});

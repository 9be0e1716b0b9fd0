import type { Answer } from "./servers/raw-http";

/** What a spelling may refer to: the file's Last-Modified second, and the ETag the answering server sent. */
export interface SpellingContext {
  mtime: Date;
  etag: string | undefined;
}

export interface Spelling {
  name: string;
  range?: string;
  ifRange?: (context: SpellingContext) => string;
}

const second = (context: SpellingContext, offset: number) =>
  new Date(Math.floor(context.mtime.getTime() / 1000) * 1000 + offset * 1000);
const imfFixdate = (date: Date) => date.toUTCString();
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");
const clock = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
const rfc850 = (d: Date) =>
  `${WEEKDAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${pad(d.getUTCFullYear() % 100)} ` +
  `${clock(d)} GMT`;
const asctime = (d: Date) =>
  `${WEEKDAYS[d.getUTCDay()]?.slice(0, 3)} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ` +
  `${clock(d)} ${d.getUTCFullYear()}`;
const etagOf = (context: SpellingContext) => context.etag ?? '"no-etag-sent"';

/**
 * Range and If-Range spellings an attacker or an odd client may send. Each is run against every
 * backend; whatever a server makes of it, a client that received every byte must have used a download.
 */
export const SPELLINGS: Spelling[] = [
  { name: "no Range" },
  { name: "bytes=0-", range: "bytes=0-" },
  { name: "bytes=0-99", range: "bytes=0-99" },
  { name: "bytes=1-", range: "bytes=1-" },
  { name: "bytes=1-99", range: "bytes=1-99" },
  { name: "bytes=1-999999999", range: "bytes=1-999999999" },
  { name: "bytes =1- (space before =)", range: "bytes =1-" },
  { name: "bytes= 1- (space after =)", range: "bytes= 1-" },
  { name: "bytes=1 - (space before -)", range: "bytes=1 -" },
  { name: "leading space", range: " bytes=1-" },
  { name: "leading tab", range: "\tbytes=1-" },
  { name: "trailing space", range: "bytes=1- " },
  { name: "trailing tab", range: "bytes=1-\t" },
  { name: "tab after =", range: "bytes=\t1-" },
  { name: "Bytes=1-", range: "Bytes=1-" },
  { name: "BYTES=1-", range: "BYTES=1-" },
  { name: "items=1-", range: "items=1-" },
  { name: "bytes=1-,2- (two ranges)", range: "bytes=1-,2-" },
  { name: "bytes=0-0,1- (two ranges, whole file)", range: "bytes=0-0,1-" },
  { name: "bytes=1-5,10-20 (two ranges)", range: "bytes=1-5,10-20" },
  { name: "bytes=-5 (suffix)", range: "bytes=-5" },
  { name: "bytes=-999999999 (suffix longer than the file)", range: "bytes=-999999999" },
  { name: "bytes=1-0 (end before start)", range: "bytes=1-0" },
  { name: "bytes=01- (leading zero)", range: "bytes=01-" },
  { name: "bytes=00- (zeros)", range: "bytes=00-" },
  { name: "bytes=1-<20 digits> (overflow)", range: "bytes=1-99999999999999999999" },
  { name: "If-Range: Last-Modified", range: "bytes=1-", ifRange: (c) => imfFixdate(second(c, 0)) },
  { name: "If-Range: Last-Modified - 1 s", range: "bytes=1-", ifRange: (c) => imfFixdate(second(c, -1)) },
  { name: "If-Range: Last-Modified + 1 s", range: "bytes=1-", ifRange: (c) => imfFixdate(second(c, 1)) },
  { name: "If-Range: far future", range: "bytes=1-", ifRange: () => "Fri, 01 Jan 2100 00:00:00 GMT" },
  { name: "If-Range: far past", range: "bytes=1-", ifRange: () => "Thu, 01 Jan 1970 00:00:01 GMT" },
  { name: "If-Range: Last-Modified, RFC 850", range: "bytes=1-", ifRange: (c) => rfc850(second(c, 0)) },
  { name: "If-Range: Last-Modified, asctime", range: "bytes=1-", ifRange: (c) => asctime(second(c, 0)) },
  {
    name: "If-Range: Last-Modified, UTC not GMT",
    range: "bytes=1-",
    ifRange: (c) => imfFixdate(second(c, 0)).replace("GMT", "UTC"),
  },
  {
    name: "If-Range: Last-Modified, trailing space",
    range: "bytes=1-",
    ifRange: (c) => `${imfFixdate(second(c, 0))} `,
  },
  { name: "If-Range: Last-Modified, leading tab", range: "bytes=1-", ifRange: (c) => `\t${imfFixdate(second(c, 0))}` },
  { name: "If-Range: the server's ETag, leading tab", range: "bytes=1-", ifRange: (c) => `\t${etagOf(c)}` },
  { name: "If-Range: Last-Modified, trailing tab", range: "bytes=1-", ifRange: (c) => `${imfFixdate(second(c, 0))}\t` },
  {
    name: "If-Range: Last-Modified, lowercase",
    range: "bytes=1-",
    ifRange: (c) => imfFixdate(second(c, 0)).toLowerCase(),
  },
  { name: "If-Range: not a date", range: "bytes=1-", ifRange: () => "yesterday" },
  { name: "If-Range: the server's ETag", range: "bytes=1-", ifRange: etagOf },
  {
    name: "If-Range: the server's ETag, weak",
    range: "bytes=1-",
    ifRange: (c) => `W/${etagOf(c).replace(/^W\//, "")}`,
  },
  { name: "If-Range: a wrong ETag", range: "bytes=1-", ifRange: () => '"bogus"' },
  { name: "If-Range: ETag, range from 0", range: "bytes=0-", ifRange: etagOf },
  { name: "If-Range: Last-Modified, malformed range", range: "bytes =1-", ifRange: (c) => imfFixdate(second(c, 0)) },
];

/** The request headers for a spelling, as sent on the wire (raw-http keeps them untouched). */
export function spellingHeaders(spelling: Spelling, context: SpellingContext): Record<string, string> {
  const headers: Record<string, string> = {};
  if (spelling.range !== undefined) headers.Range = spelling.range;
  if (spelling.ifRange) headers["If-Range"] = spelling.ifRange(context);
  return headers;
}

export interface Received {
  /** Every byte of the file reached the client (one body, or the parts of a multipart answer). */
  whole: boolean;
  /** The byte spans received and checked against the file, inclusive. */
  spans: [number, number][];
}

/** What the client got of `file`, checking each byte it got against the file. */
export function receivedOf(answer: Answer, file: Buffer): Received {
  const spans: [number, number][] = [];
  if (answer.status === 200 && answer.body.equals(file)) spans.push([0, file.length - 1]);
  if (answer.status === 206) {
    const type = String(answer.headers["content-type"] ?? "");
    const parts = type.startsWith("multipart/byteranges")
      ? multipartParts(answer.body)
      : [{ range: String(answer.headers["content-range"] ?? ""), body: answer.body }];
    for (const part of parts) {
      const match = /^bytes (\d+)-(\d+)\/\d+$/.exec(part.range.trim());
      if (!match) continue;
      const start = Number(match[1]);
      const end = Number(match[2]);
      if (part.body.subarray(0, end - start + 1).equals(file.subarray(start, end + 1))) spans.push([start, end]);
    }
  }
  return { whole: covers(spans, file.length), spans };
}

function multipartParts(body: Buffer): { range: string; body: Buffer }[] {
  const text = body.toString("latin1");
  const parts: { range: string; body: Buffer }[] = [];
  const header = /content-range:\s*([^\r\n]+)\r\n(?:[^\r\n]+\r\n)*\r\n/gi;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    parts.push({ range: match[1] ?? "", body: body.subarray(match.index + match[0].length) });
  }
  return parts;
}

function covers(spans: [number, number][], size: number): boolean {
  let next = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (start > next) return false;
    next = Math.max(next, end + 1);
  }
  return next >= size;
}

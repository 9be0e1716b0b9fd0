import { mkdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { SPELLINGS, receivedOf, spellingHeaders, type SpellingContext } from "../../helpers/range-spellings";
import type { Answer } from "../../helpers/servers/raw-http";
import type { StoreDb } from "../../helpers/store-db";
import { expectNoFileBytes } from "./expectations";

export interface SpellingRow {
  name: string;
  headers: Record<string, string>;
  status: number;
  received: string;
  counted: number;
}

export interface SpellingTarget {
  /** Sends a GET (or HEAD) for the grant with exactly these headers. */
  send: (grantId: string, headers: Record<string, string>, method?: string) => Promise<Answer>;
  db: StoreDb;
  file: { path: string; bytes: Buffer; grantId: string };
}

/** Sets the file's mtime an hour back: a fresh Last-Modified is weak and no If-Range date may match it. */
export function ageFile(file: string): Date {
  const hourAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
  utimesSync(file, hourAgo, hourAgo);
  return statSync(file).mtime;
}

/**
 * Runs every spelling once against a grant that has just counted a download (so a resume may be
 * free), and asserts the rule in each row: a client that received every byte used a download, and a
 * request that used none got a partial answer without byte 0 (or, refused, none of the file).
 */
export async function runSpellingTable(
  target: SpellingTarget,
  label: string,
): Promise<{ rows: SpellingRow[]; context: SpellingContext }> {
  const { db, file } = target;
  const head = await target.send(file.grantId, {}, "HEAD");
  expect(head.status).toBe(200);
  const context: SpellingContext = { mtime: statSync(file.path).mtime, etag: head.headers.etag as string | undefined };
  const rows: SpellingRow[] = [];
  for (const spelling of SPELLINGS) {
    await db.setCounted(file.grantId, 1, new Date());
    const headers = spellingHeaders(spelling, context);
    const answer = await target.send(file.grantId, headers);
    const counted = (await db.grant(file.grantId)).downloadsUsed - 1;
    const received = receivedOf(answer, file.bytes);
    const what = received.whole
      ? "whole file"
      : received.spans.length
        ? received.spans.map(([a, b]) => `${a}-${b}`).join(",")
        : "no file bytes";
    rows.push({ name: spelling.name, headers, status: answer.status, received: what, counted });
    const row = `${label} ${spelling.name} ${JSON.stringify(headers)} → ${answer.status}, ${what}, counted ${counted}`;
    if (received.whole) expect.soft(counted, `${row}: every byte left, so a download must be used`).toBe(1);
    if (counted === 0) {
      // A server may refuse an odd spelling outright (nginx: 400, 416); what it must never do is send byte 0.
      const partial = answer.status === 206 && received.spans.length > 0;
      const nothing = answer.status >= 400 && received.spans.length === 0;
      expect.soft(partial || nothing, `${row}: uncounted, so a partial answer or none of the file`).toBe(true);
      expect
        .soft(
          received.spans.every(([start]) => start > 0),
          `${row}: uncounted, so no byte 0`,
        )
        .toBe(true);
    }
  }
  writeTable(label, rows, context, file.bytes.length);
  const resumes = rows.filter((row) => row.counted === 0).map((row) => row.name);
  // The rule must not make every request count: the plain resume and the exact date are free.
  expect(resumes).toEqual(expect.arrayContaining(["bytes=1-", "bytes=1-99", "If-Range: Last-Modified"]));
  return { rows, context };
}

/** Every spelling against an exhausted grant (its last download counted just now): the app's 403, none of the file. */
export async function expectExhaustedRefusesEverySpelling(
  target: SpellingTarget,
  etag: string | undefined,
): Promise<void> {
  const { db, file } = target;
  const context: SpellingContext = { mtime: statSync(file.path).mtime, etag };
  await db.prisma.downloadGrant.update({ where: { id: file.grantId }, data: { downloadLimit: 1 } });
  await db.setCounted(file.grantId, 1, new Date());
  for (const spelling of SPELLINGS) {
    const answer = await target.send(file.grantId, spellingHeaders(spelling, context));
    // deploy/nginx refuses a Range or If-Range with a tab at either end (400) before the app sees it.
    const refusedByServer = answer.status === 400 && /tab/.test(spelling.name);
    expect.soft(refusedByServer ? 403 : answer.status, `${spelling.name} → ${answer.status}`).toBe(403);
    expectNoFileBytes(answer, file.bytes);
    expect
      .soft(answer.body.includes(file.bytes.subarray(1, 65)), `${spelling.name}: no bytes from the start`)
      .toBe(false);
  }
  expect((await db.grant(file.grantId)).downloadsUsed).toBe(1);
}

function writeTable(label: string, rows: SpellingRow[], context: SpellingContext, size: number): void {
  const dir = path.resolve(__dirname, "../../../test-results");
  mkdirSync(dir, { recursive: true });
  const lines = rows.map((row) => `| ${row.name} | ${row.status} | ${row.received} | ${row.counted} |`);
  writeFileSync(
    path.join(dir, `range-spellings-${label}.md`),
    [
      `ETag sent: ${context.etag ?? "none"}; mtime ${context.mtime.toISOString()}; size ${size}`,
      "",
      "| spelling | status | received | counted |",
      "| --- | --- | --- | --- |",
      ...lines,
      "",
    ].join("\n"),
  );
}

/**
 * What stamping one buyer's copy costs: a 300-page PDF and a ~5 MB EPUB (20 chapters deflated, 4.9 MB of
 images stored, as JPEGs are), each stamped to disk with `stampFile`, the median of 3 runs.
 * Standalone: `npx tsx bench/stamping.ts`.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { stampFile, type Stamp } from "../lib/stamping/stamp";
import { makeEpub, makePdf } from "../tests/helpers/stamping/fixtures";

export interface StampingResult {
  pdf300Ms: number;
  epub5MbMs: number;
  pdfBytes: number;
  epubBytes: number;
}

const RUNS = 3;
const STAMP: Stamp = {
  licensedTo: "Zoë Benchmark",
  email: "bench@example.com",
  orderId: "ord_bench",
  shopName: "Bindery",
  noticePage: true,
};

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

export async function measureStamping(): Promise<StampingResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bindery-bench-stamping-"));
  try {
    const pdf = path.join(dir, "book.pdf");
    await writeFile(pdf, await makePdf(300));
    const images = Array.from({ length: 10 }, (_, i) => ({
      name: `images/plate-${i}.jpg`,
      bytes: randomBytes(500 * 1024),
    }));
    const epub = path.join(dir, "book.epub");
    await writeFile(epub, await makeEpub({ version: 3, chapters: 20, images }));
    const pdf300Ms = await medianMs(() => stampFile(pdf, path.join(dir, "out", "book.pdf"), "application/pdf", STAMP));
    const epub5MbMs = await medianMs(() =>
      stampFile(epub, path.join(dir, "out", "book.epub"), "application/epub+zip", STAMP),
    );
    return { pdf300Ms, epub5MbMs, pdfBytes: (await stat(pdf)).size, epubBytes: (await stat(epub)).size };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && /bench[\\/]stamping\.ts$/.test(process.argv[1])) {
  measureStamping().then(
    (result) => {
      const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
      process.stdout.write(
        `stamping a 300-page PDF (${mb(result.pdfBytes)}): ${result.pdf300Ms.toFixed(0)} ms (median of ${RUNS})\n` +
          `stamping an EPUB (${mb(result.epubBytes)}): ${result.epub5MbMs.toFixed(0)} ms (median of ${RUNS})\n`,
      );
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

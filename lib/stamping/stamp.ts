import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { AtomicFile } from "./atomic-file";
import { HashingSink } from "./byte-sink";
import { stampEpubTo } from "./epub";
import { ENGINE_VERSION, EPUB_TYPE, MAX_SOURCE_BYTES, PDF_TYPE, StampError, type Stamp } from "./model";
import { stampPdf } from "./pdf";

export { StampError, type Stamp, type StampErrorReason } from "./model";

/**
 * sha256 (hex) over the engine version and every stamp field in a fixed order: a copy whose hash differs
 * from the one a grant would get now (new name, other option, newer engine) is made again.
 */
export function stampHash(stamp: Stamp): string {
  const canonical = JSON.stringify([
    ENGINE_VERSION,
    stamp.licensedTo,
    stamp.email,
    stamp.orderId,
    stamp.shopName,
    stamp.noticePage,
    stamp.licensedAt ? stamp.licensedAt.toISOString() : null,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

function baseType(contentType: string): string {
  return contentType.split(";")[0].trim().toLowerCase();
}

/** Whether the engine stamps files of this type (PDF and EPUB). */
export function canStamp(contentType: string): boolean {
  const type = baseType(contentType);
  return type === PDF_TYPE || type === EPUB_TYPE;
}

/**
 * Stamps `sourcePath` into `destPath` (its folder is created), written under a temporary name beside it and
 * renamed into place, so a reader never sees half a file and a failure leaves nothing behind.
 *
 * Memory: a PDF is held in memory whole, a few times its size at the peak (pdf-lib parses and rewrites
 * whole documents); an EPUB is streamed entry by entry from disk to disk, only container.xml and the OPF in
 * memory. Sources above MAX_SOURCE_BYTES are refused ("unsupported") before anything is read.
 */
export async function stampFile(
  sourcePath: string,
  destPath: string,
  contentType: string,
  stamp: Stamp,
): Promise<{ size: number; sha256: string }> {
  const type = baseType(contentType);
  if (!canStamp(type)) throw new StampError("unsupported", `Files of type ${type || "(none)"} are not stamped.`);
  const { size } = await stat(sourcePath);
  if (size > MAX_SOURCE_BYTES) {
    throw new StampError("unsupported", `The file is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB.`);
  }
  const file = await AtomicFile.create(destPath);
  const sink = new HashingSink(file);
  try {
    if (type === PDF_TYPE) await sink.write(await stampPdf(await readFile(sourcePath), stamp));
    else await stampEpubTo(sourcePath, sink, stamp);
    await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
  return { size: sink.size, sha256: sink.digest() };
}

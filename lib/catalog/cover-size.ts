import "server-only";
import { open } from "node:fs/promises";
import { getConfig } from "@/lib/config";
import { resolveConfinedPath } from "@/lib/sendfile";
import { imageSize, type ImageSize } from "@/lib/storage/image-size";
import { sniffImageType } from "@/lib/storage/sniff";

// A JPEG's size sits after its metadata segments; the cover upload reads as far (covers.ts).
const HEAD_BYTES = 512 * 1024;
const MAX_CACHED = 1000;

// By file, size and modification time: a replaced or rewritten cover is read again.
const sizes = new Map<string, ImageSize | null>();

/**
 * A book's cover size: the one recorded at upload, else read from the file's first bytes under MEDIA_ROOT
 * (covers from before sizes were recorded); null for an SVG, a missing file, or anything unreadable.
 * Link previews use it to lay the image out.
 */
export async function coverSize(book: {
  coverPath: string | null;
  coverWidth: number | null;
  coverHeight: number | null;
}): Promise<ImageSize | null> {
  const { coverPath, coverWidth: width, coverHeight: height } = book;
  if (!coverPath) return null;
  if (width && height) return { width, height };
  const file = await resolveConfinedPath(getConfig().mediaRoot, coverPath).catch(() => null);
  if (!file) return null;
  const key = `${file.absolutePath}\0${file.size}\0${file.mtime.getTime()}`;
  if (sizes.has(key)) return sizes.get(key) ?? null;
  const size = await readSize(file.absolutePath, Math.min(file.size, HEAD_BYTES)).catch(() => null);
  if (sizes.size >= MAX_CACHED) sizes.clear();
  sizes.set(key, size);
  return size;
}

async function readSize(absolutePath: string, length: number): Promise<ImageSize | null> {
  const handle = await open(/*turbopackIgnore: true*/ absolutePath, "r");
  try {
    const head = new Uint8Array(length);
    const { bytesRead } = await handle.read(head, 0, length, 0);
    const bytes = head.subarray(0, bytesRead);
    const type = sniffImageType(bytes);
    return type ? imageSize(bytes, type.contentType) : null;
  } finally {
    await handle.close();
  }
}

import "server-only";
import { chmod, readdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { ValidationError } from "@/lib/errors";
import { COVER_FORMATS, isVariantOf, variantPath, variantWidths } from "./cover-variants";

// Quality for small cover images: AVIF's scale runs lower than WebP's for the same look. AVIF's effort 2
// (of 0–9) encodes a cover's copies in about a third of the default's time, for a few percent more bytes.
const ENCODE = {
  avif: { quality: 55, effort: 2 },
  webp: { quality: 78, effort: 4 },
} as const;

// One image at a time: the machine's cores are shared with the requests being served.
sharp.concurrency(1);

/**
 * Writes the AVIF and WebP copies of the cover at `coverPath` (under `mediaRoot`) beside it and returns
 * its size as a browser shows it (turned by its EXIF orientation). An image sharp cannot decode is
 * refused with a ValidationError and leaves no copy behind.
 */
export async function makeCoverVariants(
  mediaRoot: string,
  coverPath: string,
): Promise<{ width: number; height: number }> {
  const source = path.join(mediaRoot, coverPath);
  const written: string[] = [];
  try {
    const meta = await sharp(source).metadata();
    const width = meta.autoOrient?.width ?? meta.width;
    const height = meta.autoOrient?.height ?? meta.height;
    if (!width || !height) throw new Error("no size");
    // The copies are readable by whoever reads the original (the web server in front), no more.
    const { mode } = await stat(source);
    for (const w of variantWidths(width)) {
      for (const format of COVER_FORMATS) {
        const target = path.join(mediaRoot, variantPath(coverPath, w, format));
        const temp = `${target}.tmp-${process.pid}`;
        written.push(temp, target);
        await sharp(source)
          .autoOrient()
          .resize({ width: w, withoutEnlargement: true })
          [format](ENCODE[format])
          .toFile(temp);
        await chmod(temp, mode & 0o777);
        await rename(temp, target);
      }
    }
    return { width, height };
  } catch (error) {
    await Promise.all(written.map((file) => unlink(file).catch(() => undefined)));
    // The disk's errors (full, permissions) carry a code and are the shop's to fix, not the image's.
    if (error instanceof ValidationError || (error as NodeJS.ErrnoException).code) throw error;
    throw new ValidationError("This image could not be read: it may be damaged. Export it again and upload that.");
  }
}

/** Removes the copies made for the cover at `coverPath`; ones already gone are fine. */
export async function removeCoverVariants(mediaRoot: string, coverPath: string): Promise<void> {
  const folder = path.join(mediaRoot, path.dirname(coverPath));
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => isVariantOf(coverPath, name))
      .map((name) => unlink(path.join(folder, name)).catch(() => undefined)),
  );
}

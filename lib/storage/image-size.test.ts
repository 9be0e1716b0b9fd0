import { describe, expect, it } from "vitest";
import { imageSize } from "./image-size";

// Leading bytes of images Chromium encoded (canvas.toDataURL): a JPEG with an ICC profile before its
// frame header, and a WebP in the extended (VP8X) layout.
const CHROMIUM_JPEG_321x487 = Buffer.from(
  [
    "/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABh",
    "Y3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAAB",
    "UAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAA",
    "AAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9Y",
    "WVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAM",
    "ZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQ",
    "FxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgo",
    "KCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAHnAUEDASI=",
  ].join(""),
  "base64",
);
const CHROMIUM_WEBP_257x401 = Buffer.from("UklGRsoDAABXRUJQVlA4WAoAAAAgAAAAAAEAkAEASUNDUMgBAAAAAA==", "base64");
const CHROMIUM_PNG_211x333 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAANMAAAFNCAYAAACaHFpeAAANkklEQQ==", "base64");

/** A lossy WebP header (RIFF, "VP8 " chunk, frame tag, start code, 14-bit sizes). */
function vp8(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(30);
  bytes.write("RIFF", 0);
  bytes.write("WEBPVP8 ", 8);
  bytes.set([0x9d, 0x01, 0x2a], 23);
  bytes.writeUInt16LE(width, 26);
  bytes.writeUInt16LE(height, 28);
  return bytes;
}

/** A lossless WebP header: signature 0x2f, then width-1 and height-1 in 14 bits each. */
function vp8l(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(30);
  bytes.write("RIFF", 0);
  bytes.write("WEBPVP8L", 8);
  bytes[20] = 0x2f;
  bytes.writeUInt32LE(((width - 1) | ((height - 1) << 14)) >>> 0, 21);
  return bytes;
}

describe("image dimensions from the leading bytes", () => {
  it("reads a PNG's IHDR", () => {
    expect(imageSize(CHROMIUM_PNG_211x333, "image/png")).toEqual({ width: 211, height: 333 });
  });

  it("walks a JPEG's segments (JFIF, ICC profile, tables) to its frame header", () => {
    expect(imageSize(CHROMIUM_JPEG_321x487, "image/jpeg")).toEqual({ width: 321, height: 487 });
  });

  it("reads the three WebP layouts", () => {
    expect(imageSize(CHROMIUM_WEBP_257x401, "image/webp")).toEqual({ width: 257, height: 401 });
    expect(imageSize(vp8(640, 960), "image/webp")).toEqual({ width: 640, height: 960 });
    expect(imageSize(vp8l(1600, 2400), "image/webp")).toEqual({ width: 1600, height: 2400 });
  });

  it("answers null when the size is not in the bytes it was given", () => {
    expect(imageSize(CHROMIUM_JPEG_321x487.subarray(0, 400), "image/jpeg")).toBeNull();
    expect(imageSize(CHROMIUM_PNG_211x333.subarray(0, 20), "image/png")).toBeNull();
    expect(imageSize(Buffer.from("RIFF\0\0\0\0WEBPVP8 "), "image/webp")).toBeNull();
    expect(imageSize(CHROMIUM_PNG_211x333, "image/gif")).toBeNull();
  });
});

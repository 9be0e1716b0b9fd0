import { readdirSync } from "node:fs";
import path from "node:path";
import { deflateSync, crc32 } from "node:zlib";

/** A small but real PDF header and body: the upload checks content, not names. */
export function pdfBytes(size = 4096, marker = "Bindery test PDF"): Buffer {
  const bytes = Buffer.alloc(Math.max(size, 64), 0x20);
  bytes.write(`%PDF-1.7\n% ${marker}\n`);
  bytes.write("\n%%EOF\n", bytes.length - 7);
  return bytes;
}

/** A Windows executable's first bytes, whatever name it is uploaded under. */
export function exeBytes(size = 8192): Buffer {
  const bytes = Buffer.alloc(size);
  bytes.write("MZ\x90\x00\x03\x00\x00\x00\x04\x00", "latin1");
  bytes.write("This program cannot be run in DOS mode.", 78);
  return bytes;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real, displayable PNG of one colour (8-bit RGB), of any size. */
export function pngBytes(width: number, height: number, rgb: [number, number, number] = [154, 52, 18]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  const signature = Buffer.from("89504e470d0a1a0a", "hex");
  return Buffer.concat([
    signature,
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(pixels)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Every file under a storage root, temp files of uploads in progress included. */
export function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

export interface UploadOptions {
  cookie: string;
  name?: string;
  replaces?: string;
  /** Defaults to the app's origin, as the browser sends it; null sends none. */
  origin?: string | null;
}

/**
 * fetch, tried again when the connection broke while the body was still being sent. The app refuses an
 * oversize upload as soon as it knows (413) and closes: the client's next write then fails (EPIPE) and
 * fetch gives up without reading the answer that is waiting; a browser, or nginx in front, reads it.
 * Such an attempt says nothing about the app, so it is repeated, up to three times.
 */
async function postWithBody(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (attempt === 3 || (code !== "EPIPE" && code !== "ECONNRESET")) throw error;
    }
  }
}

/** POSTs a file as the raw body, as the admin's upload widget does. */
export async function uploadBookFile(
  baseUrl: string,
  bookId: string,
  bytes: Buffer,
  options: UploadOptions,
): Promise<Response> {
  const query = new URLSearchParams({
    name: options.name ?? "book.pdf",
    ...(options.replaces ? { replaces: options.replaces } : {}),
  });
  const origin = options.origin === undefined ? baseUrl : options.origin;
  return postWithBody(`${baseUrl}/api/admin/books/${bookId}/files?${query}`, {
    method: "POST",
    headers: { cookie: options.cookie, "content-type": "application/octet-stream", ...(origin ? { origin } : {}) },
    body: new Uint8Array(bytes),
  });
}

export async function uploadCover(
  baseUrl: string,
  bookId: string,
  bytes: Buffer,
  options: UploadOptions,
): Promise<Response> {
  const origin = options.origin === undefined ? baseUrl : options.origin;
  return postWithBody(`${baseUrl}/api/admin/books/${bookId}/cover`, {
    method: "POST",
    headers: { cookie: options.cookie, "content-type": "application/octet-stream", ...(origin ? { origin } : {}) },
    body: new Uint8Array(bytes),
  });
}

/** The edit form's fields of a book as saved: what the admin's form submits when nothing is changed. */
export function bookFormFields(book: {
  id: string;
  title: string;
  author: string;
  slug: string;
  description: string;
  priceCents: number;
  currency: string;
}): Record<string, string> {
  return {
    bookId: book.id,
    title: book.title,
    author: book.author,
    slug: book.slug,
    description: book.description,
    price: (book.priceCents / 100).toFixed(2),
    currency: book.currency,
  };
}

import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COVER_SIZES } from "../../lib/catalog/cover-variants";
import { makePdf } from "../../prisma/seed/pdf";
import { filesUnder, pdfBytes, pngBytes, uploadBookFile, uploadCover } from "../helpers/admin-fixtures";
import type { RunningApp } from "../helpers/app-server";
import { closeSignedInApp, openSignedInApp } from "../helpers/signed-in-app";
import type { StoreDb } from "../helpers/store-db";
import type { TestEnvironment } from "../helpers/test-env";

let store: TestEnvironment;
let app: RunningApp;
let db: StoreDb;
let admin = "";
let bookId = "";
let slug = "";

beforeAll(async () => {
  ({ store, app, db, cookie: admin } = await openSignedInApp("covers", "admin"));
  const product = await db.prisma.product.findUniqueOrThrow({
    where: { id: (await db.file("Atlas of Small Harbors.pdf")).productId },
  });
  ({ id: bookId, slug } = product);
});
afterAll(() => closeSignedInApp({ store, app, db }));

const IMMUTABLE = "public, max-age=31536000, immutable";
const book = () => db.prisma.product.findUniqueOrThrow({ where: { id: bookId } });
const coverFiles = () => readdirSync(path.join(store.env.MEDIA_ROOT, "covers")).sort();
const stemOf = (coverPath: string) => path.basename(coverPath).replace(/\.\w+$/, "");
const html = async (pathname: string, cookie = "") =>
  (await fetch(`${app.url}${pathname}`, { headers: { cookie } })).text();

describe("an uploaded cover", () => {
  let coverPath = "";

  it("gets AVIF and WebP copies at the standard widths below its own, and its size on the book", async () => {
    const response = await uploadCover(app.url, bookId, pngBytes(1200, 1800), { cookie: admin });
    expect(response.status).toBe(201);
    const row = await book();
    coverPath = row.coverPath ?? "";
    expect(coverPath).toMatch(/^covers\/[0-9a-f]{32}\.png$/);
    expect({ width: row.coverWidth, height: row.coverHeight }).toEqual({ width: 1200, height: 1800 });

    const stem = stemOf(coverPath);
    const copies = coverFiles().filter((name) => name.startsWith(`${stem}-`));
    const expected = [160, 320, 480, 640, 960].flatMap((w) => [`${stem}-w${w}.avif`, `${stem}-w${w}.webp`]);
    expect(copies).toEqual(expected.sort());
    const modeOf = (name: string) => statSync(path.join(store.env.MEDIA_ROOT, "covers", name)).mode & 0o777;
    for (const name of copies) {
      // Readable by whoever reads the original (the web server in front), no more.
      expect(modeOf(name), name).toBe(modeOf(path.basename(coverPath)));
      const meta = await sharp(path.join(store.env.MEDIA_ROOT, "covers", name)).metadata();
      const width = Number(/-w(\d+)\./.exec(name)?.[1]);
      expect({ format: meta.format, compression: meta.compression, width: meta.width, height: meta.height }).toEqual({
        format: name.endsWith(".avif") ? "heif" : "webp",
        compression: name.endsWith(".avif") ? "av1" : undefined,
        width,
        height: width * 1.5,
      });
    }
  });

  it("is served, with its copies, as a file that never changes: typed, kept a year, nosniff", async () => {
    const stem = stemOf(coverPath);
    for (const [name, type] of [
      [`${stem}-w320.avif`, "image/avif"],
      [`${stem}-w320.webp`, "image/webp"],
      [`${stem}.png`, "image/png"],
    ]) {
      const response = await fetch(`${app.url}/media/covers/${name}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(type);
      expect(response.headers.get("cache-control")).toBe(IMMUTABLE);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("shows on the book page as a <picture> with both formats, sizes, width and height, fetched first", async () => {
    const page = await html(`/books/${slug}`);
    // React writes srcSet and fetchPriority so: HTML attribute names are case-insensitive.
    const picture = (/<picture[^>]*>(.*?)<\/picture>/s.exec(page)?.[1] ?? "").toLowerCase();
    const url = `/media/${coverPath.replace(/\.png$/, "")}`;
    const srcset = (format: string) => [160, 320, 480, 640, 960].map((w) => `${url}-w${w}.${format} ${w}w`).join(", ");
    expect(picture).toContain(`<source type="image/avif" srcset="${srcset("avif")}" sizes="${COVER_SIZES.book}"/>`);
    expect(picture).toContain(`<source type="image/webp" srcset="${srcset("webp")}" sizes="${COVER_SIZES.book}"/>`);
    const img = /<img[^>]*>/.exec(picture)?.[0] ?? "";
    expect(img).toContain(`src="/media/${coverPath}"`);
    expect(img).toContain('width="1200"');
    expect(img).toContain('height="1800"');
    expect(img).toContain('fetchpriority="high"');
    expect(img).not.toContain('loading="lazy"');
    // A preload of the fallback would fetch the PNG as well as the copy the browser picks.
    expect(page).not.toMatch(/<link[^>]*rel="preload"[^>]*\.png/);
  });

  it("shows in the catalog grid with the grid's sizes: the first row loaded at once, the rest lazily", async () => {
    const page = await html("/");
    const catalog = (/data-testid="catalog"(.*?)<\/ul>/s.exec(page)?.[1] ?? "").toLowerCase();
    const images = [...catalog.matchAll(/<img[^>]*>/g)].map((match) => match[0]);
    expect(images.length).toBeGreaterThanOrEqual(6);
    expect(catalog.match(/<picture/g)?.length).toBe(images.length);
    expect(catalog).toContain(`sizes="${COVER_SIZES.grid}"`);
    expect(images.every((img) => /width="\d+" height="\d+"/.test(img))).toBe(true);
    expect(images.slice(0, 2).every((img) => img.includes('fetchpriority="high"'))).toBe(true);
    expect(images.slice(0, 4).some((img) => img.includes('loading="lazy"'))).toBe(false);
    expect(images.slice(4).every((img) => img.includes('loading="lazy"'))).toBe(true);
  });

  it("when replaced, takes its copies with it; the new one has its own, its width included", async () => {
    const old = stemOf(coverPath);
    expect((await uploadCover(app.url, bookId, pngBytes(700, 1050), { cookie: admin })).status).toBe(201);
    const row = await book();
    expect(row.coverPath).not.toBe(coverPath);
    expect(coverFiles().filter((name) => name.startsWith(old))).toEqual([]);
    const stem = stemOf(row.coverPath ?? "");
    expect(coverFiles().filter((name) => name.startsWith(`${stem}-`))).toEqual(
      [160, 320, 480, 640, 700].flatMap((w) => [`${stem}-w${w}.avif`, `${stem}-w${w}.webp`]).sort(),
    );
    expect({ width: row.coverWidth, height: row.coverHeight }).toEqual({ width: 700, height: 1050 });
    coverPath = row.coverPath ?? "";
  });

  it("is shown upright: a JPEG turned by its EXIF orientation records the size as shown", async () => {
    const turned = await sharp(pngBytes(900, 600)).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await uploadCover(app.url, bookId, turned, { cookie: admin })).status).toBe(201);
    const row = await book();
    expect({ width: row.coverWidth, height: row.coverHeight }).toEqual({ width: 600, height: 900 });
    const copy = await sharp(
      path.join(store.env.MEDIA_ROOT, `${row.coverPath?.replace(/\.jpg$/, "")}-w320.webp`),
    ).metadata();
    expect({ width: copy.width, height: copy.height }).toEqual({ width: 320, height: 480 });
  });

  it("refuses an image that passes the type and size checks but cannot be decoded, leaving nothing", async () => {
    // A PNG's signature and a 400 × 600 header, then garbage where the pixels should be.
    const damaged = Buffer.concat([pngBytes(400, 600).subarray(0, 33), Buffer.alloc(4096, 0x5a)]);
    const before = { row: await book(), media: filesUnder(store.env.MEDIA_ROOT) };
    const response = await uploadCover(app.url, bookId, damaged, { cookie: admin });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "This image could not be read: it may be damaged. Export it again and upload that.",
    });
    expect({ row: await book(), media: filesUnder(store.env.MEDIA_ROOT) }).toEqual(before);
  });
});

describe("a free sample", () => {
  it("has a new name with every upload, so it is kept a year like a cover", async () => {
    const response = await fetch(`${app.url}/api/admin/books/${bookId}/sample`, {
      method: "POST",
      headers: { cookie: admin, origin: app.url, "content-type": "application/octet-stream" },
      body: new Uint8Array(pdfBytes(4096, "sample")),
    });
    expect(response.status).toBe(201);
    const { sampleUrl } = (await response.json()) as { sampleUrl: string };
    expect(sampleUrl).toMatch(/^\/media\/samples\/[0-9a-f]{32}\.pdf$/);
    const served = await fetch(`${app.url}${sampleUrl}`);
    expect(served.headers.get("content-type")).toBe("application/pdf");
    expect(served.headers.get("cache-control")).toBe(IMMUTABLE);
  });
});

describe("PDF page counts", () => {
  const extentOf = (page: string, name: string) =>
    new RegExp(`${name}</span>.*?data-testid="file-extent">([^<]*)<`, "s").exec(page)?.[1];

  it("are counted at upload and shown on the book page with the size", async () => {
    const pdf = Buffer.from(await makePdf("Counted", "Tester", 17));
    const response = await uploadBookFile(app.url, bookId, pdf, { cookie: admin, name: "Counted edition.pdf" });
    expect(response.status).toBe(201);
    const { file } = (await response.json()) as { file: { id: string } };
    const row = await db.prisma.productFile.findUniqueOrThrow({ where: { id: file.id } });
    expect(row.pageCount).toBe(17);
    expect(extentOf(await html(`/books/${slug}`), "Counted edition.pdf")).toMatch(/^17 pages · [\d.]+ KB$/);
  });

  it("are left out for a PDF that cannot be parsed, which still uploads and shows its size", async () => {
    const response = await uploadBookFile(app.url, bookId, pdfBytes(300_000, "damaged"), {
      cookie: admin,
      name: "Damaged edition.pdf",
    });
    expect(response.status).toBe(201);
    const { file } = (await response.json()) as { file: { id: string } };
    const row = await db.prisma.productFile.findUniqueOrThrow({ where: { id: file.id } });
    expect(row.pageCount).toBeNull();
    expect(existsSync(path.join(store.env.PROTECTED_ROOT, row.storageKey))).toBe(true);
    expect(extentOf(await html(`/books/${slug}`), "Damaged edition.pdf")).toBe("293 KB");
  });

  it("are given to the seed's PDFs, and none to an EPUB", async () => {
    const files = await db.prisma.productFile.findMany({
      where: { displayName: { in: ["Atlas of Small Harbors.pdf", "Field Notes on Typography.epub"] } },
      select: { displayName: true, pageCount: true },
      orderBy: { displayName: "asc" },
    });
    expect(files).toEqual([
      { displayName: "Atlas of Small Harbors.pdf", pageCount: 6 },
      { displayName: "Field Notes on Typography.epub", pageCount: null },
    ]);
  });
});

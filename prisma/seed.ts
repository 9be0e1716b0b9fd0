/**
 * Demo data: accounts, books with real PDFs/EPUBs and covers, and a paid order for the demo reader.
 * Idempotent: a second run finds everything by email, slug, file name and a fixed session id.
 */
import { createHash } from "node:crypto";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { makeCoverVariants } from "@/lib/catalog/cover-images";
import { COVER_FORMATS, variantPath, variantWidths } from "@/lib/catalog/cover-variants";
import { countPdfPages } from "@/lib/catalog/pdf-pages";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { fulfilOrder } from "@/lib/orders/fulfil-order";
import { generateStorageKey } from "@/lib/storage/keys";
import { READER_OWNS, SEED_ACCOUNTS, SEED_BOOKS, type SeedFile } from "./seed/books";
import { makeCoverSvg } from "./seed/cover";
import { makeEpub } from "./seed/epub";
import { makePdf } from "./seed/pdf";

const config = getConfig();

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function writeAtomically(file: string, bytes: Uint8Array | string) {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, bytes);
  await rename(temp, file);
}

async function seedAccounts() {
  const prisma = await db();
  for (const account of SEED_ACCOUNTS) {
    const existing = await prisma.user.findUnique({ where: { email: account.email } });
    if (existing) continue;
    await prisma.user.create({
      data: {
        email: account.email,
        name: account.name,
        role: account.role,
        passwordHash: await hashPassword(account.password),
        emailVerifiedAt: new Date(),
      },
    });
  }
}

async function fileBytes(title: string, author: string, file: SeedFile): Promise<Uint8Array> {
  return file.kind === "epub" ? makeEpub(title, author) : makePdf(title, author, file.pages ?? 6, file.paddingBytes);
}

// The drawing's size (prisma/seed/cover.ts) and the raster made from it: 2×, as a shop's upload would be.
const COVER_DRAWING_WIDTH = 400;
const COVER_RASTER_WIDTH = 800;

/**
 * A book's demo cover as if uploaded: a PNG named after its drawing (the same book, the same name), with
 * the AVIF and WebP copies and size that an upload gets (lib/catalog/cover-images.ts).
 */
async function seedCover(book: (typeof SEED_BOOKS)[number]) {
  const svg = makeCoverSvg(book.title, book.author, book.hue);
  const name = createHash("sha256").update(svg).digest("hex").slice(0, 32);
  const coverPath = `covers/${name}.png`;
  const coverFile = path.join(config.mediaRoot, coverPath);
  if (!(await exists(coverFile))) {
    const density = (72 * COVER_RASTER_WIDTH) / COVER_DRAWING_WIDTH;
    await writeAtomically(coverFile, await sharp(Buffer.from(svg), { density }).png().toBuffer());
  }
  const { width, height } = await sharp(coverFile).metadata();
  const made = await Promise.all(
    variantWidths(width).flatMap((w) =>
      COVER_FORMATS.map((format) => exists(path.join(config.mediaRoot, variantPath(coverPath, w, format)))),
    ),
  );
  if (made.includes(false)) await makeCoverVariants(config.mediaRoot, coverPath);
  return { coverPath, coverWidth: width, coverHeight: height };
}

async function seedBooks() {
  const prisma = await db();
  for (const [index, book] of SEED_BOOKS.entries()) {
    const cover = await seedCover(book);
    const { files, hue: _hue, ...fields } = book;
    let product = await prisma.product.upsert({
      where: { slug: book.slug },
      update: {},
      // Spread creation times so "newest first" shows the catalog in this order.
      create: {
        ...fields,
        ...cover,
        createdAt: new Date(Date.UTC(2026, 0, 1) + (SEED_BOOKS.length - index) * 86_400_000),
      },
    });
    // A demo seeded before covers had copies still shows its SVG: it gets the new cover.
    if (product.coverPath === `covers/${book.slug}.svg`) {
      product = await prisma.product.update({ where: { id: product.id }, data: cover });
    }

    for (const file of files) {
      const row = await prisma.productFile.findFirst({
        where: { productId: product.id, displayName: file.displayName },
      });
      if (row && (await exists(path.join(config.protectedRoot, row.storageKey)))) continue;
      const bytes = await fileBytes(book.title, book.author, file);
      const storageKey = row?.storageKey ?? generateStorageKey(file.kind);
      await writeAtomically(path.join(config.protectedRoot, storageKey), bytes);
      const data = {
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        contentType: file.kind === "epub" ? "application/epub+zip" : "application/pdf",
        pageCount: file.kind === "epub" ? null : await countPdfPages(bytes),
      };
      if (row) await prisma.productFile.update({ where: { id: row.id }, data });
      else
        await prisma.productFile.create({
          data: { ...data, productId: product.id, displayName: file.displayName, storageKey },
        });
    }
  }
}

/** Two shelves for the demo catalog to browse by. */
const SEED_SHELVES = [
  {
    slug: "craft-and-making",
    name: "Craft & Making",
    books: ["the-quiet-art-of-binding", "field-notes-on-typography", "a-practical-guide-to-self-publishing"],
  },
  {
    slug: "letters-and-travel",
    name: "Letters & Travel",
    books: ["atlas-of-small-harbors", "letters-from-the-lighthouse", "omega-les-miserables"],
  },
];

async function seedShelves() {
  const prisma = await db();
  for (const { slug, name, books } of SEED_SHELVES) {
    const shelf = await prisma.category.upsert({ where: { slug }, update: {}, create: { slug, name } });
    for (const product of await prisma.product.findMany({ where: { slug: { in: books } }, select: { id: true } })) {
      const key = { productId: product.id, categoryId: shelf.id };
      await prisma.bookCategory.upsert({ where: { productId_categoryId: key }, update: {}, create: key });
    }
  }
}

async function seedReaderOrder() {
  const prisma = await db();
  const reader = await prisma.user.findUniqueOrThrow({ where: { email: "reader@example.com" } });
  const books = await prisma.product.findMany({ where: { slug: { in: READER_OWNS } } });
  const total = books.reduce((sum, book) => sum + book.priceCents, 0);
  const order = await prisma.order.upsert({
    where: { stripeCheckoutSessionId: "cs_demo_reader_first_order" },
    update: {},
    create: {
      email: reader.email,
      userId: reader.id,
      status: "PAID",
      stripeCheckoutSessionId: "cs_demo_reader_first_order",
      stripePaymentIntentId: "pi_demo_reader_first_order",
      subtotalCents: total,
      totalCents: total,
      paidAt: new Date(),
      items: {
        create: books.map((book) => ({ productId: book.id, title: book.title, unitPriceCents: book.priceCents })),
      },
    },
  });
  await fulfilOrder(order.id);
}

async function main() {
  await mkdir(config.protectedRoot, { recursive: true });
  await mkdir(config.mediaRoot, { recursive: true });
  await seedAccounts();
  await seedBooks();
  await seedShelves();
  await seedReaderOrder();
  const prisma = await db();
  const [books, files, grants] = await Promise.all([
    prisma.product.count(),
    prisma.productFile.count(),
    prisma.downloadGrant.count(),
  ]);
  console.log(`Seeded: ${books} books, ${files} files, ${grants} download grants.`);
  await prisma.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import type { StoreDb } from "../tests/helpers/store-db";

export const BACKLIST_SIZE = 10_000;
const BATCH = 1000;
const AUTHORS = 400;

/**
 * A backlist of published books on top of the demo catalog, so the page rows measure a shop of 10,000
 * books: titles, authors, prices and dates spread out, so every sort and search has work to do.
 */
export async function addBacklist(db: StoreDb, size = BACKLIST_SIZE): Promise<void> {
  const start = Date.UTC(2015, 0, 1);
  for (let from = 0; from < size; from += BATCH) {
    await db.prisma.product.createMany({
      data: Array.from({ length: Math.min(BATCH, size - from) }, (_, offset) => {
        const i = from + offset;
        return {
          slug: `backlist-${i}`,
          title: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${i}`,
          author: `Backlist Author ${i % AUTHORS}`,
          description: "A book from the backlist.",
          priceCents: 299 + ((i * 37) % 2000),
          published: true,
          createdAt: new Date(start + i * 3_600_000),
        };
      }),
    });
  }
}

const WORDS = ["Harbor", "Letters", "Atlas", "Binding", "Notes", "Winter", "Garden", "River", "Lantern", "Maps"];

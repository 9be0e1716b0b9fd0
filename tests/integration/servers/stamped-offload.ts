import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { signedQuery } from "../../../lib/downloads/signed-link";
import { request } from "../../helpers/servers/raw-http";
import type { Stack } from "../../helpers/servers/stack";
import { addStampingBook, readPdf } from "../../helpers/stamped-books";
import { StoreDb } from "../../helpers/store-db";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * A stamped copy is stored under PROTECTED_ROOT like the original and handed to the web server the same
 * way: the app answers with the offload header naming the copy, and no byte of it passes through Node.
 */
export function stampedCopiesAreOffloaded(stack: () => Stack, offloadHeader: "x-accel-redirect" | "x-sendfile") {
  it("sends a buyer's stamped copy through the web server, offloaded like the original", async () => {
    const { store, app, url } = stack();
    const db = new StoreDb(store.env.DATABASE_URL ?? "");
    try {
      const book = await addStampingBook(db, store.env.PROTECTED_ROOT ?? "", { pages: 3 });
      const grantId = await db.createGrant({
        email: "reader@example.com",
        fileId: book.fileId,
        productId: book.productId,
        limit: null,
      });
      const link = `/api/downloads/${grantId}?${signedQuery(grantId, 600, store.env.AUTH_SECRET ?? "")}`;

      const through = await request(url, "GET", link);
      expect(through.status).toBe(200);
      expect(through.headers[offloadHeader]).toBeUndefined();
      const copy = await db.prisma.stampedCopy.findUniqueOrThrow({ where: { grantId } });
      expect(copy.status).toBe("READY");
      expect(sha256(through.body)).toBe(copy.sha256);
      expect(sha256(through.body)).not.toBe(book.sha256);
      const pdf = await readPdf(through.body);
      expect(pdf.xmp).toContain("reader@example.com");
      expect(pdf.pages.every((text) => text.includes("Licensed to Rae Reader"))).toBe(true);

      // The app itself sends no byte: only the header that names the copy.
      const fromApp = await request(app.url, "GET", link);
      expect(fromApp.body.length).toBe(0);
      expect(String(fromApp.headers[offloadHeader])).toContain(copy.storageKey ?? "?");

      // Resumable through the server, from the copy's own bytes.
      const tail = await request(url, "GET", link, { Range: `bytes=${through.body.length - 64}-` });
      expect(tail.status).toBe(206);
      expect(tail.body.equals(through.body.subarray(through.body.length - 64))).toBe(true);
    } finally {
      await db.close();
    }
  });
}

import type { OrderStatus } from "@prisma/client";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesUnder, pdfBytes, uploadBookFile } from "../helpers/admin-fixtures";
import { DEMO, signIn } from "../helpers/http-session";
import { callServerAction, readActionState } from "../helpers/server-action";
import { startShop, type Shop } from "../helpers/shop";

let shop: Shop;
let admin = "";
let reader = "";
let letters: { bookId: string; v1: string };

beforeAll(async () => {
  shop = await startShop("admin-editions");
  admin = await signIn(shop.app.url, DEMO.admin.email, DEMO.admin.password);
  reader = await signIn(shop.app.url, DEMO.reader.email, DEMO.reader.password);
  const file = await shop.db.file("Letters from the Lighthouse.pdf");
  letters = { bookId: file.productId, v1: file.id };
});
afterAll(async () => {
  await shop?.stop();
});

const sql = () => shop.db.sql;
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** The file versions an order's grants point at, sorted. */
const versionsGranted = (orderId: string) =>
  (
    sql()
      .prepare(
        `SELECT f.version FROM DownloadGrant g JOIN OrderItem i ON i.id = g.orderItemId JOIN ProductFile f ON f.id = g.productFileId WHERE i.orderId = ? ORDER BY f.version`,
      )
      .all(orderId) as { version: number }[]
  ).map((row) => row.version);
const orderOfGrant = (grantId: string) =>
  (
    sql()
      .prepare(`SELECT i.orderId FROM DownloadGrant g JOIN OrderItem i ON i.id = g.orderItemId WHERE g.id = ?`)
      .get(grantId) as { orderId: string }
  ).orderId;

/** A guest checkout of one book, paid on the emulator and fulfilled by its webhook. */
async function buyAsGuest(bookId: string, email: string): Promise<{ orderId: string; sessionId: string }> {
  const response = await fetch(`${shop.app.url}/api/checkout`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: shop.app.url, cookie: `bindery_cart=${bookId}` },
  });
  const sessionId = (response.headers.get("location") ?? "").split("/pay/")[1] ?? "";
  await fetch(`${shop.emulator.url}/_emulator/sessions/${sessionId}/pay`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ outcome: "paid", email }),
  });
  await shop.emulator.idle();
  const { id } = sql().prepare(`SELECT id FROM "Order" WHERE stripeCheckoutSessionId = ?`).get(sessionId) as {
    id: string;
  };
  return { orderId: id, sessionId };
}

async function newVersion(replaces: string, bytes: Buffer) {
  const response = await uploadBookFile(shop.app.url, letters.bookId, bytes, {
    cookie: admin,
    name: "ignored.pdf",
    replaces,
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      file?: { id: string; version: number; grantedToPastBuyers: number };
      error?: string;
    },
  };
}

async function setGrantNewVersions(on: boolean) {
  const book = sql().prepare(`SELECT * FROM Product WHERE id = ?`).get(letters.bookId) as {
    title: string;
    author: string;
    slug: string;
    description: string;
    priceCents: number;
    currency: string;
  };
  const fields = {
    bookId: letters.bookId,
    title: book.title,
    author: book.author,
    slug: book.slug,
    description: book.description,
    price: (book.priceCents / 100).toFixed(2),
    currency: book.currency,
    ...(on ? { grantNewVersions: "on" } : {}),
  };
  const state = await readActionState(
    await callServerAction({
      baseUrl: shop.app.url,
      cookie: admin,
      page: `/admin/books/${letters.bookId}`,
      action: { file: "app/admin/books/actions.ts", name: "updateBookAction" },
      fields,
    }),
  );
  expect(state.ok).toBe(true);
}

/** Every stored file has a row and every row its file: nothing orphaned either way. */
function expectStorageMatchesRows() {
  const keys = (sql().prepare(`SELECT storageKey FROM ProductFile`).all() as { storageKey: string }[])
    .map((row) => row.storageKey)
    .sort();
  expect(filesUnder(shop.store.env.PROTECTED_ROOT)).toEqual(keys);
}

describe("new versions of a file", () => {
  const v2Bytes = pdfBytes(123_456, "second edition");
  const past: Record<string, string> = {};
  let guest: { orderId: string; sessionId: string };
  let v2 = "";
  let v3 = "";

  it("reach the book's past buyers when its switch is on, and no one whose item was refunded, disputed or revoked", async () => {
    const grant = async (orderStatus: OrderStatus) =>
      await shop.db.createGrant({
        email: DEMO.reader.email,
        fileId: letters.v1,
        productId: letters.bookId,
        orderStatus,
      });
    past.paid = orderOfGrant(await grant("PAID"));
    past.partlyRefunded = orderOfGrant(await grant("PARTIALLY_REFUNDED"));
    past.itemRefunded = orderOfGrant(await grant("PARTIALLY_REFUNDED"));
    sql()
      .prepare(`UPDATE OrderItem SET refundedAt = ? WHERE orderId = ?`)
      .run(new Date().toISOString(), past.itemRefunded);
    past.refunded = orderOfGrant(await grant("REFUNDED"));
    past.disputed = orderOfGrant(await grant("DISPUTED"));
    const revoked = await grant("PAID");
    await shop.db.revoke(revoked, "abuse");
    past.revoked = orderOfGrant(revoked);
    guest = await buyAsGuest(letters.bookId, "first-guest@example.com");
    expect(versionsGranted(guest.orderId)).toEqual([1]);

    const { status, body } = await newVersion(letters.v1, v2Bytes);
    expect(status).toBe(201);
    expect(body.file).toMatchObject({ version: 2, grantedToPastBuyers: 3 });
    v2 = body.file?.id ?? "";

    expect(versionsGranted(past.paid)).toEqual([1, 2]);
    expect(versionsGranted(past.partlyRefunded)).toEqual([1, 2]);
    expect(versionsGranted(guest.orderId)).toEqual([1, 2]);
    for (const key of ["itemRefunded", "refunded", "disputed", "revoked"])
      expect(versionsGranted(past[key]), key).toEqual([1]);

    const rows = sql()
      .prepare(
        `SELECT id, version, lineageId, active, supersededAt IS NOT NULL AS superseded, displayName FROM ProductFile WHERE id IN (?, ?) ORDER BY version`,
      )
      .all(letters.v1, v2);
    expect(rows).toEqual([
      {
        id: letters.v1,
        version: 1,
        lineageId: null,
        active: 0,
        superseded: 1,
        displayName: "Letters from the Lighthouse.pdf",
      },
      {
        id: v2,
        version: 2,
        lineageId: letters.v1,
        active: 1,
        superseded: 0,
        displayName: "Letters from the Lighthouse.pdf",
      },
    ]);
    const audit = sql().prepare(`SELECT action, details FROM AuditLog WHERE targetId = ? ORDER BY rowid`).all(v2) as {
      action: string;
      details: string;
    }[];
    expect(audit.map((entry) => entry.action)).toEqual(["file.new_version", "file.granted_to_past_buyers"]);
    expect(JSON.parse(audit[1].details)).toEqual({ grants: 3 });
  });

  it("keep the old version downloadable for those who have it, and each download records the version served", async () => {
    const grantOf = (orderId: string, version: number) =>
      (
        sql()
          .prepare(
            `SELECT g.id FROM DownloadGrant g JOIN OrderItem i ON i.id = g.orderItemId JOIN ProductFile f ON f.id = g.productFileId WHERE i.orderId = ? AND f.version = ?`,
          )
          .get(orderId, version) as { id: string }
      ).id;
    for (const version of [1, 2]) {
      const grantId = grantOf(past.paid, version);
      const response = await fetch(`${shop.app.url}/api/downloads/${grantId}`, { headers: { cookie: reader } });
      expect(response.status).toBe(200);
      const body = Buffer.from(await response.arrayBuffer());
      expect(sha256(body)).toBe(
        version === 2 ? sha256(v2Bytes) : (await shop.db.file("Letters from the Lighthouse.pdf")).sha256,
      );
      const event = sql()
        .prepare(`SELECT fileVersion, outcome FROM DownloadEvent WHERE grantId = ? ORDER BY createdAt DESC`)
        .get(grantId);
      expect(event).toEqual({ fileVersion: version, outcome: "ALLOWED" });
    }
  });

  it("replace the old one in the store: the product page offers the current version only", async () => {
    const html = await (await fetch(`${shop.app.url}/books/letters-from-the-lighthouse`)).text();
    const whatYouGet = html.slice(
      html.indexOf('id="files-heading"'),
      html.indexOf("</section>", html.indexOf('id="files-heading"')),
    );
    expect(whatYouGet).toContain("121 KB");
    expect(whatYouGet.match(/<li /g)).toHaveLength(1);
  });

  it("do not reach past buyers when the switch is off, not even when their order is fulfilled again", async () => {
    await setGrantNewVersions(false);
    const { status, body } = await newVersion(v2, pdfBytes(50_000, "third edition"));
    expect(status).toBe(201);
    expect(body.file).toMatchObject({ version: 3, grantedToPastBuyers: 0 });
    v3 = body.file?.id ?? "";
    expect(versionsGranted(past.paid)).toEqual([1, 2]);

    // The success page fulfils through the same idempotent path as the webhook.
    expect((await fetch(`${shop.app.url}/checkout/success?session_id=${guest.sessionId}`)).status).toBe(200);
    expect(versionsGranted(guest.orderId)).toEqual([1, 2]);

    const later = await buyAsGuest(letters.bookId, "later-guest@example.com");
    expect(versionsGranted(later.orderId)).toEqual([3]);
    past.later = later.orderId;
  });

  it("reach past buyers again once the switch is back on", async () => {
    await setGrantNewVersions(true);
    const { body } = await newVersion(v3, pdfBytes(60_000, "fourth edition"));
    expect(body.file).toMatchObject({ version: 4, grantedToPastBuyers: 4 });
    expect(versionsGranted(past.paid)).toEqual([1, 2, 4]);
    expect(versionsGranted(past.later)).toEqual([3, 4]);
    expectStorageMatchesRows();
  });

  it("refuse replacing a version that was already replaced, and keep nothing of that upload", async () => {
    const { status, body } = await newVersion(letters.v1, pdfBytes());
    expect(status).toBe(409);
    expect(body.error).toBe("Version 1 was already replaced: upload a new version of the latest one.");
    expectStorageMatchesRows();
  });

  it("let only one of two racing uploads replace the same version; the other gets 409 and leaves nothing", async () => {
    const current = (
      sql().prepare(`SELECT id FROM ProductFile WHERE productId = ? AND supersededAt IS NULL`).get(letters.bookId) as {
        id: string;
      }
    ).id;
    const results = await Promise.all([
      newVersion(current, pdfBytes(900_000, "racer A")),
      newVersion(current, pdfBytes(900_000, "racer B")),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([201, 409]);
    expect(
      sql()
        .prepare(`SELECT COUNT(*) AS n FROM ProductFile WHERE productId = ? AND supersededAt IS NULL`)
        .get(letters.bookId),
    ).toEqual({ n: 1 });
    expectStorageMatchesRows();
  });
});

describe("deactivating a file", () => {
  const fileAction = (fields: Record<string, string>) =>
    callServerAction({
      baseUrl: shop.app.url,
      cookie: admin,
      page: `/admin/books/${fields.bookId}`,
      action: { file: "app/admin/books/actions.ts", name: "setFileActiveAction" },
      fields,
    });

  it("hides it from new buyers while those who have it keep downloading", async () => {
    const epub = await shop.db.file("Field Notes on Typography.epub");
    const state = await readActionState(await fileAction({ bookId: epub.productId, fileId: epub.id, active: "false" }));
    expect(state).toMatchObject({ ok: true });

    const buyer = await buyAsGuest(epub.productId, "after-deactivation@example.com");
    const names = sql()
      .prepare(
        `SELECT f.displayName FROM DownloadGrant g JOIN OrderItem i ON i.id = g.orderItemId JOIN ProductFile f ON f.id = g.productFileId WHERE i.orderId = ?`,
      )
      .all(buyer.orderId);
    expect(names).toEqual([{ displayName: "Field Notes on Typography.pdf" }]);

    const readerGrant = sql()
      .prepare(
        `SELECT g.id FROM DownloadGrant g JOIN OrderItem i ON i.id = g.orderItemId JOIN "Order" o ON o.id = i.orderId WHERE g.productFileId = ? AND o.userId = ?`,
      )
      .get(epub.id, await shop.db.userId(DEMO.reader.email)) as { id: string };
    expect(
      (await fetch(`${shop.app.url}/api/downloads/${readerGrant.id}`, { headers: { cookie: reader } })).status,
    ).toBe(200);
  });

  it("cannot put an earlier version back on sale", async () => {
    const state = await readActionState(
      await fileAction({ bookId: letters.bookId, fileId: letters.v1, active: "true" }),
    );
    expect(state.error).toBe("An earlier version cannot be offered again: upload it as a new version instead.");
  });
});

import type { OrderStatus } from "@prisma/client";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookFormFields, filesUnder, pdfBytes, uploadBookFile } from "../helpers/admin-fixtures";
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

const prisma = () => shop.db.prisma;
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** The file versions an order's grants point at, sorted. */
const versionsGranted = async (orderId: string) =>
  (
    await prisma().downloadGrant.findMany({
      where: { orderItem: { orderId } },
      orderBy: { productFile: { version: "asc" } },
      select: { productFile: { select: { version: true } } },
    })
  ).map((grant) => grant.productFile.version);
const orderOfGrant = async (grantId: string) =>
  (
    await prisma().downloadGrant.findUniqueOrThrow({
      where: { id: grantId },
      select: { orderItem: { select: { orderId: true } } },
    })
  ).orderItem.orderId;

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
  const { id } = await prisma().order.findUniqueOrThrow({
    where: { stripeCheckoutSessionId: sessionId },
    select: { id: true },
  });
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
  const book = await prisma().product.findUniqueOrThrow({ where: { id: letters.bookId } });
  const fields = { ...bookFormFields(book), ...(on ? { grantNewVersions: "on" } : {}) };
  const state = await readActionState(
    await callServerAction({
      baseUrl: shop.app.url,
      cookie: admin,
      page: `/admin/books/${letters.bookId}`,
      action: { file: "app/(store)/admin/books/actions.ts", name: "updateBookAction" },
      fields,
    }),
  );
  expect(state.ok).toBe(true);
}

/** Every stored file has a row and every row its file: nothing orphaned either way. */
async function expectStorageMatchesRows() {
  const keys = (await prisma().productFile.findMany({ select: { storageKey: true } }))
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

  it("reach past buyers when the book's switch is on, none whose item was refunded, disputed or revoked", async () => {
    const grant = async (orderStatus: OrderStatus) =>
      await shop.db.createGrant({
        email: DEMO.reader.email,
        fileId: letters.v1,
        productId: letters.bookId,
        orderStatus,
      });
    past.paid = await orderOfGrant(await grant("PAID"));
    past.partlyRefunded = await orderOfGrant(await grant("PARTIALLY_REFUNDED"));
    past.itemRefunded = await orderOfGrant(await grant("PARTIALLY_REFUNDED"));
    await prisma().orderItem.updateMany({ where: { orderId: past.itemRefunded }, data: { refundedAt: new Date() } });
    past.refunded = await orderOfGrant(await grant("REFUNDED"));
    past.disputed = await orderOfGrant(await grant("DISPUTED"));
    const revoked = await grant("PAID");
    await shop.db.revoke(revoked, "abuse");
    past.revoked = await orderOfGrant(revoked);
    guest = await buyAsGuest(letters.bookId, "first-guest@example.com");
    expect(await versionsGranted(guest.orderId)).toEqual([1]);

    const { status, body } = await newVersion(letters.v1, v2Bytes);
    expect(status).toBe(201);
    expect(body.file).toMatchObject({ version: 2, grantedToPastBuyers: 3 });
    v2 = body.file?.id ?? "";

    expect(await versionsGranted(past.paid)).toEqual([1, 2]);
    expect(await versionsGranted(past.partlyRefunded)).toEqual([1, 2]);
    expect(await versionsGranted(guest.orderId)).toEqual([1, 2]);
    for (const key of ["itemRefunded", "refunded", "disputed", "revoked"])
      expect(await versionsGranted(past[key]), key).toEqual([1]);

    const rows = await prisma().productFile.findMany({
      where: { id: { in: [letters.v1, v2] } },
      orderBy: { version: "asc" },
      select: { id: true, version: true, lineageId: true, active: true, supersededAt: true, displayName: true },
    });
    expect(rows.map(({ supersededAt, ...row }) => ({ ...row, superseded: supersededAt !== null }))).toEqual([
      {
        id: letters.v1,
        version: 1,
        lineageId: null,
        active: false,
        superseded: true,
        displayName: "Letters from the Lighthouse.pdf",
      },
      {
        id: v2,
        version: 2,
        lineageId: letters.v1,
        active: true,
        superseded: false,
        displayName: "Letters from the Lighthouse.pdf",
      },
    ]);
    const audit = await prisma().auditLog.findMany({
      where: { targetId: v2 },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { action: true, details: true },
    });
    expect(audit.map((entry) => entry.action)).toEqual(["file.new_version", "file.granted_to_past_buyers"]);
    expect(JSON.parse(audit[1].details)).toEqual({ grants: 3 });
  });

  it("keep the old version downloadable for those who have it; each download records the version served", async () => {
    const grantOf = async (orderId: string, version: number) =>
      (
        await prisma().downloadGrant.findFirstOrThrow({
          where: { orderItem: { orderId }, productFile: { version } },
          select: { id: true },
        })
      ).id;
    for (const version of [1, 2]) {
      const grantId = await grantOf(past.paid, version);
      const response = await fetch(`${shop.app.url}/api/downloads/${grantId}`, { headers: { cookie: reader } });
      expect(response.status).toBe(200);
      const body = Buffer.from(await response.arrayBuffer());
      expect(sha256(body)).toBe(
        version === 2 ? sha256(v2Bytes) : (await shop.db.file("Letters from the Lighthouse.pdf")).sha256,
      );
      const event = await prisma().downloadEvent.findFirst({
        where: { grantId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { fileVersion: true, outcome: true },
      });
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
    expect(await versionsGranted(past.paid)).toEqual([1, 2]);

    // The success page fulfils through the same idempotent path as the webhook.
    expect((await fetch(`${shop.app.url}/checkout/success?session_id=${guest.sessionId}`)).status).toBe(200);
    expect(await versionsGranted(guest.orderId)).toEqual([1, 2]);

    const later = await buyAsGuest(letters.bookId, "later-guest@example.com");
    expect(await versionsGranted(later.orderId)).toEqual([3]);
    past.later = later.orderId;
  });

  it("reach past buyers again once the switch is back on", async () => {
    await setGrantNewVersions(true);
    const { body } = await newVersion(v3, pdfBytes(60_000, "fourth edition"));
    expect(body.file).toMatchObject({ version: 4, grantedToPastBuyers: 4 });
    expect(await versionsGranted(past.paid)).toEqual([1, 2, 4]);
    expect(await versionsGranted(past.later)).toEqual([3, 4]);
    await expectStorageMatchesRows();
  });

  it("refuse replacing a version that was already replaced, and keep nothing of that upload", async () => {
    const { status, body } = await newVersion(letters.v1, pdfBytes());
    expect(status).toBe(409);
    expect(body.error).toBe("Version 1 was already replaced: upload a new version of the latest one.");
    await expectStorageMatchesRows();
  });

  it("let only one of two racing uploads replace the same version; the other gets 409 and leaves nothing", async () => {
    const currentVersion = { productId: letters.bookId, supersededAt: null };
    const current = (await prisma().productFile.findFirstOrThrow({ where: currentVersion, select: { id: true } })).id;
    const results = await Promise.all([
      newVersion(current, pdfBytes(900_000, "racer A")),
      newVersion(current, pdfBytes(900_000, "racer B")),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([201, 409]);
    expect(await prisma().productFile.count({ where: currentVersion })).toBe(1);
    await expectStorageMatchesRows();
  });
});

describe("deactivating a file", () => {
  const fileAction = (fields: Record<string, string>) =>
    callServerAction({
      baseUrl: shop.app.url,
      cookie: admin,
      page: `/admin/books/${fields.bookId}`,
      action: { file: "app/(store)/admin/books/actions.ts", name: "setFileActiveAction" },
      fields,
    });

  it("hides it from new buyers while those who have it keep downloading", async () => {
    const epub = await shop.db.file("Field Notes on Typography.epub");
    const state = await readActionState(await fileAction({ bookId: epub.productId, fileId: epub.id, active: "false" }));
    expect(state).toMatchObject({ ok: true });

    const buyer = await buyAsGuest(epub.productId, "after-deactivation@example.com");
    const granted = await prisma().downloadGrant.findMany({
      where: { orderItem: { orderId: buyer.orderId } },
      select: { productFile: { select: { displayName: true } } },
    });
    expect(granted.map((grant) => grant.productFile)).toEqual([{ displayName: "Field Notes on Typography.pdf" }]);

    const readerId = await shop.db.userId(DEMO.reader.email);
    const readerGrant = await prisma().downloadGrant.findFirstOrThrow({
      where: { productFileId: epub.id, orderItem: { order: { userId: readerId } } },
      select: { id: true },
    });
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

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, signIn } from "../helpers/http-session";
import { outbox, startShop, type Shop } from "../helpers/shop";
import { callOrderAction } from "../helpers/server-action";
import { actionsOf, auditOf, buyAsGuest, checkoutAsGuest, downloadAsBuyer, grantsOf } from "./staff-fixtures";

let shop: Shop;
let staff: string;
let staffId: string;

beforeAll(async () => {
  shop = await startShop("staff-actions");
  staff = await signIn(shop.app.url, DEMO.staff.email, DEMO.staff.password);
  staffId = await shop.db.userId(DEMO.staff.email);
});
afterAll(async () => {
  await shop?.stop();
});

/** Submits a freshly rendered form (its own request key) unless `fields` replays one. */
const act = async (action: string, fields: Record<string, string | string[]>) => {
  const call = await callOrderAction(shop.app.url, action, { requestKey: randomUUID(), ...fields }, { cookie: staff });
  expect(call.status, call.body.slice(0, 300)).toBe(200);
  return call.state ?? {};
};
const order = (id: string) =>
  shop.db.prisma.order.findUniqueOrThrow({ where: { id }, select: { status: true, refundedCents: true } });
/** Every grant of the item at its download limit (Prisma cannot set one column from another, hence a loop). */
async function useUpEveryDownload(orderItemId: string) {
  const grants = await shop.db.prisma.downloadGrant.findMany({ where: { orderItemId } });
  for (const { id, downloadLimit } of grants) {
    await shop.db.prisma.downloadGrant.update({ where: { id }, data: { downloadsUsed: downloadLimit ?? 0 } });
  }
}
const stripeRefunds = async (paymentIntent: string) =>
  (await shop.stripe.refunds.list({ payment_intent: paymentIntent })).data;
const TWO_BOOKS = ["field-notes-on-typography", "letters-from-the-lighthouse"]; // $9 (PDF + EPUB) + $7 (PDF)

describe("refunds through Stripe", () => {
  it("refunding one item revokes exactly its grants, and a second click changes nothing", async () => {
    const bought = await buyAsGuest(shop, TWO_BOOKS, "refund-item@example.com");
    const fieldNotes = bought.items.find((item) => item.title === "Field Notes on Typography");
    const itemId = fieldNotes?.id ?? "";

    const first = await act("refundItemsAction", { orderId: bought.orderId, itemId: [itemId] });
    expect(first).toMatchObject({
      ok: true,
      message: expect.stringContaining("Refunded $9.00 for Field Notes on Typography"),
    });
    // Applied at once, before the webhook: staff see the result on the next render.
    expect(await order(bought.orderId)).toEqual({ status: "PARTIALLY_REFUNDED", refundedCents: 900 });
    const grants = await grantsOf(shop.db, bought.orderId);
    expect(grants.filter((g) => g.revokedAt !== null).map((g) => [g.itemId, g.revokedReason])).toEqual([
      [itemId, "Item refunded"],
      [itemId, "Item refunded"],
    ]);
    expect(grants.filter((g) => g.revokedAt === null).map((g) => g.title)).toEqual(["Letters from the Lighthouse"]);
    const refunds = await stripeRefunds(bought.paymentIntentId);
    expect(refunds.map((r) => [r.amount, r.metadata?.orderItemIds])).toEqual([[900, itemId]]);

    await shop.emulator.idle(); // charge.refunded reaches the webhook: the same function, now a no-op
    const again = await act("refundItemsAction", { orderId: bought.orderId, itemId: [itemId] });
    expect(again).toMatchObject({ ok: true, message: "Already refunded: nothing changed." });
    expect(await stripeRefunds(bought.paymentIntentId)).toHaveLength(1);
    expect(await grantsOf(shop.db, bought.orderId)).toEqual(grants);
    expect(await actionsOf(shop.db, bought.orderId)).toEqual(["order.paid", "order.refund", "order.refunded"]);
    const [, staffRow, appliedRow] = await auditOf(shop.db, bought.orderId);
    expect(staffRow).toMatchObject({
      actorId: staffId,
      details: { amountCents: 900, items: [{ id: itemId, title: "Field Notes on Typography" }] },
    });
    expect(appliedRow).toMatchObject({
      actorId: null,
      details: { refundedCents: 900, status: "PARTIALLY_REFUNDED", grantsRevoked: 2 },
    });

    const [revoked, kept] = [grants.find((g) => g.revokedAt !== null), grants.find((g) => g.revokedAt === null)];
    expect((await downloadAsBuyer(shop, revoked?.id ?? "")).status).toBe(403);
    expect((await downloadAsBuyer(shop, kept?.id ?? "")).status).toBe(200);
  });

  it("two clicks at once make one Stripe refund and one audit row", async () => {
    const bought = await buyAsGuest(shop, TWO_BOOKS, "refund-race@example.com");
    const itemId = bought.items[0].id;
    const results = await Promise.all(
      [1, 2, 3].map(() => act("refundItemsAction", { orderId: bought.orderId, itemId: [itemId] })),
    );
    expect(results).toHaveLength(3);
    expect(results.every((state) => state.ok)).toBe(true);
    expect(await stripeRefunds(bought.paymentIntentId)).toHaveLength(1);
    await shop.emulator.idle();
    expect((await actionsOf(shop.db, bought.orderId)).filter((a) => a === "order.refund")).toHaveLength(1);
    expect((await actionsOf(shop.db, bought.orderId)).filter((a) => a === "order.refunded")).toHaveLength(1);
  });

  it("the whole order refunds what is left and revokes everything; repeating it does nothing", async () => {
    const bought = await buyAsGuest(shop, TWO_BOOKS, "refund-all@example.com");
    await act("refundItemsAction", { orderId: bought.orderId, itemId: [bought.items[1].id] }); // Letters, $7
    const whole = await act("refundOrderAction", { orderId: bought.orderId });
    expect(whole.message).toContain("Refunded $9.00");
    expect(await order(bought.orderId)).toEqual({ status: "REFUNDED", refundedCents: 1600 });
    // Field Notes' PDF and EPUB, Letters' PDF: every one revoked.
    expect((await grantsOf(shop.db, bought.orderId)).map((g) => g.revokedAt !== null)).toEqual([true, true, true]);
    await shop.emulator.idle();
    const auditBefore = await auditOf(shop.db, bought.orderId);
    expect(await act("refundOrderAction", { orderId: bought.orderId })).toMatchObject({
      ok: true,
      message: "Already refunded: nothing changed.",
    });
    expect((await stripeRefunds(bought.paymentIntentId)).map((r) => r.amount).sort()).toEqual([700, 900]);
    expect(await auditOf(shop.db, bought.orderId)).toEqual(auditBefore);
  });

  it("refuses items of another order and orders that were never paid", async () => {
    const bought = await buyAsGuest(shop, ["letters-from-the-lighthouse"], "refund-other@example.com");
    const other = await buyAsGuest(shop, ["atlas-of-small-harbors"], "refund-other2@example.com");
    expect(await act("refundItemsAction", { orderId: bought.orderId, itemId: [other.items[0].id] })).toMatchObject({
      error: "An item is not part of this order",
    });
    expect(await act("refundItemsAction", { orderId: bought.orderId })).toMatchObject({
      error: "Choose at least one item to refund",
    });
    expect(await stripeRefunds(bought.paymentIntentId)).toHaveLength(0);

    // Checkout started, never paid: nothing was charged, so there is nothing to refund.
    const unpaid = await checkoutAsGuest(shop, ["letters-from-the-lighthouse"]);
    expect(await order(unpaid.orderId)).toEqual({ status: "PENDING", refundedCents: 0 });
    expect(await act("refundOrderAction", { orderId: unpaid.orderId })).toMatchObject({
      error: expect.stringMatching(/only paid orders/i),
    });
    expect(await order(unpaid.orderId)).toEqual({ status: "PENDING", refundedCents: 0 });
    expect(await actionsOf(shop.db, unpaid.orderId)).toEqual([]);
  });
});

describe("status changes from Stripe in the audit trail", () => {
  it("a dispute opened and won is recorded once each, and blocks refunds meanwhile", async () => {
    const bought = await buyAsGuest(shop, ["letters-from-the-lighthouse"], "dispute@example.com");
    const charge = (await shop.stripe.paymentIntents.retrieve(bought.paymentIntentId)).latest_charge as string;
    const control = (path: string, body: unknown) =>
      fetch(`${shop.emulator.url}/_emulator${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const dispute = (await control("/disputes", { charge })) as { id: string };
    await shop.emulator.idle();
    expect(await act("refundOrderAction", { orderId: bought.orderId })).toMatchObject({
      error: expect.stringContaining("under dispute"),
    });
    await control(`/disputes/${dispute.id}/close`, { status: "won" });
    await shop.emulator.idle();
    expect((await order(bought.orderId)).status).toBe("PAID");
    expect(await actionsOf(shop.db, bought.orderId)).toEqual(["order.paid", "order.disputed", "order.dispute_won"]);
  });
});

describe("access: revoke, restore, reset, extend", () => {
  it("revoke and restore one grant: each twice, one change and one audit row each", async () => {
    const bought = await buyAsGuest(shop, ["letters-from-the-lighthouse"], "revoke-one@example.com");
    const [grant] = await grantsOf(shop.db, bought.orderId);
    const target = { orderId: bought.orderId, grantId: grant.id };

    expect((await act("revokeAccessAction", target)).message).toBe("Revoked access to 1 file.");
    expect((await act("revokeAccessAction", target)).message).toBe("Access was already revoked: nothing changed.");
    expect((await grantsOf(shop.db, bought.orderId))[0]).toMatchObject({ revokedReason: "Revoked by staff" });
    expect((await downloadAsBuyer(shop, grant.id)).status).toBe(403);

    expect((await act("restoreAccessAction", target)).message).toBe("Restored access to 1 file.");
    expect((await act("restoreAccessAction", target)).message).toBe("Access was not revoked: nothing changed.");
    expect((await grantsOf(shop.db, bought.orderId))[0]).toMatchObject({ revokedAt: null, revokedReason: null });
    expect((await downloadAsBuyer(shop, grant.id)).status).toBe(200);

    const rows = (await auditOf(shop.db, bought.orderId)).filter((row) => row.actorId === staffId);
    expect(rows.map((row) => [row.action, row.targetType, row.targetId])).toEqual([
      ["grant.revoke", "DownloadGrant", grant.id],
      ["grant.restore", "DownloadGrant", grant.id],
    ]);
  });

  it("restore leaves access revoked by a refund alone unless staff confirm, and says why", async () => {
    const bought = await buyAsGuest(shop, TWO_BOOKS, "restore-refunded@example.com");
    const letters = bought.items.find((item) => item.title === "Letters from the Lighthouse")?.id ?? "";
    await act("refundItemsAction", { orderId: bought.orderId, itemId: [letters] });
    const refunded = (await grantsOf(shop.db, bought.orderId)).filter((g) => g.itemId === letters);
    await act("revokeAccessAction", { orderId: bought.orderId }); // the other item's two grants, by staff

    const plain = await act("restoreAccessAction", { orderId: bought.orderId });
    expect(plain.message).toBe("Restored access to 2 files.");
    const second = await act("restoreAccessAction", { orderId: bought.orderId });
    expect(second.message).toContain("Not restored: access was revoked because of a refund or dispute (Item refunded)");
    expect((await grantsOf(shop.db, bought.orderId)).filter((g) => g.revokedAt !== null).map((g) => g.id)).toEqual(
      refunded.map((g) => g.id),
    );

    const confirmed = await act("restoreAccessAction", { orderId: bought.orderId, includeRefunded: "on" });
    expect(confirmed.message).toBe("Restored access to 1 file.");
    expect((await grantsOf(shop.db, bought.orderId)).map((g) => g.revokedAt)).toEqual([null, null, null]);
    expect((await auditOf(shop.db, bought.orderId)).at(-1)).toMatchObject({
      action: "grant.restore",
      details: { includeRefunded: true, grants: [{ revokedReason: "Item refunded" }] },
    });
  });

  it("restoring on a fully refunded order is refused: the order gives no access anyway", async () => {
    const bought = await buyAsGuest(shop, ["letters-from-the-lighthouse"], "restore-closed@example.com");
    await act("refundOrderAction", { orderId: bought.orderId });
    const state = await act("restoreAccessAction", { orderId: bought.orderId, includeRefunded: "on" });
    expect(state.error).toContain("This order is refunded");
    expect((await grantsOf(shop.db, bought.orderId)).map((g) => g.revokedAt !== null)).toEqual([true]);
  });

  it("reset sets the count back to 0 once; the audit keeps the old count (Field Notes allows 10)", async () => {
    const bought = await buyAsGuest(shop, ["field-notes-on-typography"], "reset@example.com");
    await useUpEveryDownload(bought.items[0].id);
    expect((await downloadAsBuyer(shop, (await grantsOf(shop.db, bought.orderId))[0].id, "GET")).status).toBe(403);

    expect((await act("resetDownloadsAction", { orderId: bought.orderId })).message).toBe(
      "Reset the download count of 2 files.",
    );
    expect((await act("resetDownloadsAction", { orderId: bought.orderId })).message).toBe(
      "No downloads used: nothing to reset.",
    );
    expect((await grantsOf(shop.db, bought.orderId)).map((g) => g.downloadsUsed)).toEqual([0, 0]);
    const resets = (await auditOf(shop.db, bought.orderId)).filter((row) => row.action === "grant.reset_downloads");
    expect(resets).toHaveLength(1);
    expect(resets[0]).toMatchObject({
      targetType: "Order",
      actorId: staffId,
      details: { grants: [{ downloadsUsedBefore: 10 }, { downloadsUsedBefore: 10 }] },
    });
    expect((await downloadAsBuyer(shop, (await grantsOf(shop.db, bought.orderId))[0].id, "GET")).status).toBe(200);
  });

  it("extend sets a date: twice is the same, an earlier day never shortens access, a past day is refused", async () => {
    const bought = await buyAsGuest(shop, ["letters-from-the-lighthouse"], "extend@example.com");
    const [grant] = await grantsOf(shop.db, bought.orderId);
    await shop.db.prisma.downloadGrant.update({
      where: { id: grant.id },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    expect((await downloadAsBuyer(shop, grant.id)).status).toBe(403);
    const target = { orderId: bought.orderId, grantId: grant.id };
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

    expect((await act("extendExpiryAction", { ...target, until: day(30) })).message).toBe(
      `Extended access to 1 file until ${day(30)}.`,
    );
    expect((await act("extendExpiryAction", { ...target, until: day(30) })).message).toContain("nothing changed");
    expect((await act("extendExpiryAction", { ...target, until: day(10) })).message).toContain("nothing changed");
    expect((await act("extendExpiryAction", { ...target, until: day(-1) })).error).toBe("Pick a day in the future");
    expect((await act("extendExpiryAction", { ...target, until: "2026-02-30" })).error).toBeDefined();
    expect((await grantsOf(shop.db, bought.orderId))[0].expiresAt?.toISOString()).toBe(`${day(30)}T23:59:59.000Z`);
    expect((await downloadAsBuyer(shop, grant.id)).status).toBe(200);
    expect((await actionsOf(shop.db, bought.orderId)).filter((a) => a === "grant.extend_expiry")).toHaveLength(1);
  });

  it("the same reset form submitted twice resets and audits once; a fresh form resets again", async () => {
    const bought = await buyAsGuest(shop, ["field-notes-on-typography"], "reset-replay@example.com");
    const resets = async () =>
      (await auditOf(shop.db, bought.orderId)).filter((row) => row.action === "grant.reset_downloads");
    await useUpEveryDownload(bought.items[0].id);
    const form = { orderId: bought.orderId, requestKey: randomUUID() };

    // A double click: both requests at once.
    const [a, b] = await Promise.all([1, 2].map(() => act("resetDownloadsAction", form)));
    expect([a.message, b.message].sort()).toEqual(
      [
        "Reset the download count of 2 files.",
        "This form was already submitted from this page: nothing changed. " +
          "It answered: Reset the download count of 2 files.",
      ].sort(),
    );
    expect(await resets()).toHaveLength(1);

    // The buyer downloads again; back and resubmit of the old form must not reset the new count.
    await useUpEveryDownload(bought.items[0].id);
    expect((await act("resetDownloadsAction", form)).message).toContain("already submitted from this page");
    expect((await grantsOf(shop.db, bought.orderId)).map((g) => g.downloadsUsed)).toEqual([10, 10]);
    expect(await resets()).toHaveLength(1);

    expect((await act("resetDownloadsAction", { orderId: bought.orderId })).message).toBe(
      "Reset the download count of 2 files.",
    );
    expect((await grantsOf(shop.db, bought.orderId)).map((g) => g.downloadsUsed)).toEqual([0, 0]);
    expect(await resets()).toHaveLength(2);
  });

  it("a replayed revoke, restore or extend form changes nothing after later changes", async () => {
    const bought = await buyAsGuest(shop, ["letters-from-the-lighthouse"], "grant-replay@example.com");
    const [grant] = await grantsOf(shop.db, bought.orderId);
    const target = { orderId: bought.orderId, grantId: grant.id };
    const revoke = { ...target, requestKey: randomUUID() };
    const restore = { ...target, requestKey: randomUUID() };
    const revoked = async () => (await grantsOf(shop.db, bought.orderId))[0].revokedAt !== null;

    expect((await act("revokeAccessAction", revoke)).message).toBe("Revoked access to 1 file.");
    expect((await act("restoreAccessAction", restore)).message).toBe("Restored access to 1 file.");
    expect((await act("revokeAccessAction", revoke)).message).toContain("already submitted from this page");
    expect(await revoked()).toBe(false);
    expect((await act("revokeAccessAction", target)).message).toBe("Revoked access to 1 file.");
    expect((await act("restoreAccessAction", restore)).message).toContain("already submitted from this page");
    expect(await revoked()).toBe(true);

    await shop.db.prisma.downloadGrant.update({ where: { id: grant.id }, data: { expiresAt: new Date() } });
    const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const extend = { ...target, until: day, requestKey: randomUUID() };
    expect((await act("extendExpiryAction", extend)).message).toBe(`Extended access to 1 file until ${day}.`);
    expect((await act("extendExpiryAction", extend)).message).toBe(
      "This form was already submitted from this page: nothing changed. " +
        `It answered: Extended access to 1 file until ${day}.`,
    );
    expect(
      (await auditOf(shop.db, bought.orderId)).filter((row) => row.actorId === staffId).map((row) => row.action),
    ).toEqual(["grant.revoke", "grant.restore", "grant.revoke", "grant.extend_expiry"]);
    expect((await act("revokeAccessAction", { ...target, requestKey: "not-a-uuid" })).fieldErrors).toHaveProperty(
      "requestKey",
    );
  });

  it("a grant of another order, or an unknown order, is refused", async () => {
    const mine = await buyAsGuest(shop, ["letters-from-the-lighthouse"], "target-a@example.com");
    const theirs = await buyAsGuest(shop, ["letters-from-the-lighthouse"], "target-b@example.com");
    const foreign = (await grantsOf(shop.db, theirs.orderId))[0].id;
    expect(await act("revokeAccessAction", { orderId: mine.orderId, grantId: foreign })).toMatchObject({
      error: "No such download grant on this order",
    });
    expect(await act("revokeAccessAction", { orderId: "no-such-order" })).toMatchObject({ error: "No such order" });
    expect((await grantsOf(shop.db, theirs.orderId))[0].revokedAt).toBeNull();
  });
});

describe("resend receipt", () => {
  it("one mail per request key with fresh links that work; a new page view can send again", async () => {
    const email = "resend@example.com";
    const bought = await buyAsGuest(shop, ["letters-from-the-lighthouse"], email);
    const mails = () => outbox(shop.store).filter((mail) => mail.to === email);
    expect(mails()).toHaveLength(1);

    const requestKey = randomUUID();
    const [a, b] = await Promise.all(
      [1, 2].map(() => act("resendReceiptAction", { orderId: bought.orderId, requestKey })),
    );
    expect([a.message, b.message].sort()).toEqual(
      [
        `Receipt sent again to ${email} with fresh download links.`,
        "This receipt was already resent from this page: no second mail.",
      ].sort(),
    );
    expect(mails()).toHaveLength(2);
    const link = /Download .+?: (\S+)/.exec(mails()[1].text)?.[1] ?? "";
    expect((await fetch(link, { method: "HEAD" })).status).toBe(200);

    expect((await act("resendReceiptAction", { orderId: bought.orderId, requestKey: randomUUID() })).ok).toBe(true);
    expect(mails()).toHaveLength(3);
    expect(
      (await auditOf(shop.db, bought.orderId))
        .filter((row) => row.action === "order.resend_receipt")
        .map((row) => row.details.to),
    ).toEqual([email, email]);
    expect(
      (await act("resendReceiptAction", { orderId: bought.orderId, requestKey: "not-a-uuid" })).fieldErrors,
    ).toHaveProperty("requestKey");
  });
});

describe("resend receipt when the mail cannot be queued", () => {
  it("keeps nothing of the failed attempt, so the same form sends on retry", async () => {
    const email = "resend-retry@example.com";
    const bought = await buyAsGuest(shop, ["letters-from-the-lighthouse"], email);
    const mails = () => outbox(shop.store).filter((mail) => mail.to === email);
    const resends = async () =>
      (await auditOf(shop.db, bought.orderId)).filter((row) => row.action === "order.resend_receipt");
    expect(mails()).toHaveLength(1);
    const requestKey = randomUUID();

    // The outbox refuses new mail (a full disk, say): queueing the receipt fails inside the action.
    const restoreOutbox = await shop.db.failInsertsInto("OutboxMail", "outbox down");
    try {
      const failed = await callOrderAction(
        shop.app.url,
        "resendReceiptAction",
        { orderId: bought.orderId, requestKey },
        { cookie: staff },
      );
      expect(failed.state?.ok).not.toBe(true);
      expect(failed.status).toBe(500);
    } finally {
      await restoreOutbox();
    }
    expect(await resends()).toEqual([]);
    expect(mails()).toHaveLength(1);

    expect(await act("resendReceiptAction", { orderId: bought.orderId, requestKey })).toMatchObject({
      ok: true,
      message: `Receipt sent again to ${email} with fresh download links.`,
    });
    expect(mails()).toHaveLength(2);
    expect((await resends()).map((row) => row.details.requestKey)).toEqual([requestKey]);
    expect(await act("resendReceiptAction", { orderId: bought.orderId, requestKey })).toMatchObject({
      message: "This receipt was already resent from this page: no second mail.",
    });
    expect(mails()).toHaveLength(2);
  });
});

describe("the order page shows it all", () => {
  it("lines, grants with downloads left, the download log and a timeline naming who did what", async () => {
    const bought = await buyAsGuest(shop, TWO_BOOKS, "page@example.com");
    const [first] = await grantsOf(shop.db, bought.orderId);
    const { signedQuery } = await import("@/lib/downloads/signed-link");
    await fetch(`${shop.app.url}/api/downloads/${first.id}?${signedQuery(first.id, 600, shop.store.env.AUTH_SECRET)}`, {
      headers: { "user-agent": "PageCheck/1.0", range: "bytes=0-99" },
    }).then((r) => r.arrayBuffer());
    await act("revokeAccessAction", { orderId: bought.orderId, grantId: first.id });
    const html = await (
      await fetch(`${shop.app.url}/admin/orders/${bought.orderId}`, { headers: { cookie: staff } })
    ).text();
    for (const text of [
      "Field Notes on Typography",
      "Letters from the Lighthouse",
      "9 of 10 left",
      "PageCheck/1.0",
      "bytes=0-99",
      "Revoked by staff",
      "Order created at checkout",
      "Access revoked",
      "Sam Staff",
      "Paid",
      "Stripe",
    ]) {
      expect(html, text).toContain(text);
    }
  });
});

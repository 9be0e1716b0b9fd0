import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signedQuery } from "@/lib/downloads/signed-link";
import { DEMO, signIn } from "../helpers/http-session";
import { outbox, startShop, type Shop } from "../helpers/shop";
import { callOrderAction } from "../helpers/server-action";

let shop: Shop;
let books: Record<string, string>;

beforeAll(async () => {
  shop = await startShop("payments-trust");
  const rows = await shop.db.prisma.product.findMany({ select: { id: true, slug: true } });
  books = Object.fromEntries(rows.map((row) => [row.slug, row.id]));
});
afterAll(async () => {
  await shop?.stop();
});
beforeEach(async () => {
  await control("/deliveries");
});

async function control<T = unknown>(path: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${shop.emulator.url}/_emulator${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function checkout(slugs: string[]): Promise<{ sessionId: string; orderId: string }> {
  const response = await fetch(`${shop.app.url}/api/checkout`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: shop.app.url, cookie: `bindery_cart=${slugs.map((slug) => books[slug]).join(".")}` },
  });
  const sessionId = (response.headers.get("location") ?? "").split("/pay/")[1] ?? "";
  const row = await shop.db.prisma.order.findUnique({
    where: { stripeCheckoutSessionId: sessionId },
    select: { id: true },
  });
  expect(row, `checkout answered ${response.status} ${response.headers.get("location")}`).not.toBeNull();
  return { sessionId, orderId: row?.id ?? "" };
}

async function pay(sessionId: string, email: string) {
  await control(`/sessions/${sessionId}/pay`, { outcome: "paid", email });
  await shop.emulator.idle();
}

const order = (id: string) =>
  shop.db.prisma.order.findUniqueOrThrow({
    where: { id },
    select: { status: true, userId: true, email: true, stripePaymentIntentId: true },
  });
const grants = (orderId: string) =>
  shop.db.prisma.downloadGrant.findMany({
    where: { orderItem: { orderId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, productFileId: true, revokedAt: true, downloadsUsed: true },
  });
const receiptsTo = (email: string) => outbox(shop.store).filter((mail) => mail.to === email);
const audits = (orderId: string, action: string) =>
  shop.db.prisma.auditLog.findMany({ where: { targetId: orderId, action }, select: { details: true } });
const deliveriesOf = (type: string, objectId: string) =>
  shop.emulator
    .events()
    .filter((e) => e.type === type && e.object_id === objectId)
    .flatMap((e) => e.deliveries.flatMap((d) => d.attempts.map((a) => a.status)));
const successPage = (sessionId: string) =>
  fetch(`${shop.app.url}/checkout/success?session_id=${sessionId}`).then((r) => r.text());
const download = (grantId: string, method = "GET") =>
  fetch(`${shop.app.url}/api/downloads/${grantId}?${signedQuery(grantId, 600, shop.store.env.AUTH_SECRET)}`, {
    method,
  });

/** A new version of a file, published the way the back office does it (old one superseded). */
async function publishNewVersion(fileId: string): Promise<string> {
  const old = await shop.db.prisma.productFile.findUniqueOrThrow({ where: { id: fileId } });
  const id = `fil_${randomUUID()}`;
  const now = new Date();
  await shop.db.prisma.$transaction([
    shop.db.prisma.productFile.update({ where: { id: fileId }, data: { active: false, supersededAt: now } }),
    shop.db.prisma.productFile.create({
      data: {
        id,
        productId: old.productId,
        displayName: old.displayName,
        storageKey: `${old.storageKey}.v${old.version + 1}`,
        size: old.size,
        sha256: old.sha256,
        contentType: old.contentType,
        version: old.version + 1,
        lineageId: old.lineageId ?? fileId,
        active: true,
        createdAt: now,
      },
    }),
  ]);
  return id;
}

describe("fulfilment happens once, on the transition to paid", () => {
  it("reloading the success page after staff revoked access creates nothing, even for a newer version", async () => {
    // A book no other test here buys: its new version has no bytes on disk.
    const { sessionId, orderId } = await checkout(["atlas-of-small-harbors"]);
    await pay(sessionId, "reloader@example.com");
    const [grant] = await grants(orderId);
    expect(await grants(orderId)).toHaveLength(1);

    const staff = await signIn(shop.app.url, DEMO.staff.email, DEMO.staff.password);
    const revoked = await callOrderAction(
      shop.app.url,
      "revokeAccessAction",
      { orderId, requestKey: randomUUID() },
      { cookie: staff },
    );
    expect(revoked.state).toMatchObject({ message: "Revoked access to 1 file." });
    expect((await download(grant.id, "HEAD")).status).toBe(403);

    const newVersion = await publishNewVersion(grant.productFileId);
    for (let i = 0; i < 3; i++) expect(await successPage(sessionId)).toContain("Thank you!");

    const after = await grants(orderId);
    expect(after).toHaveLength(1);
    expect(after.some((g) => g.productFileId === newVersion)).toBe(false);
    expect(after[0].revokedAt).not.toBeNull();
    expect(receiptsTo("reloader@example.com")).toHaveLength(1);
  });
});

describe("the payment must match the order", () => {
  const changes: [string, Prisma.OrderUpdateInput, RegExp][] = [
    ["amount", { totalCents: { increment: 100 }, subtotalCents: { increment: 100 } }, /amount_total 700/],
    ["currency", { currency: "eur" }, /currency usd/],
  ];
  it.each(changes)(
    "a paid session with another %s leaves the order PENDING, audited, and the webhook answered 2xx",
    async (_, change, problem) => {
      const email = `mismatch-${_}@example.com`;
      const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
      await shop.db.prisma.order.update({ where: { id: orderId }, data: change });
      await pay(sessionId, email);

      expect((await order(orderId)).status).toBe("PENDING");
      expect(await grants(orderId)).toHaveLength(0);
      expect(receiptsTo(email)).toHaveLength(0);
      expect(deliveriesOf("checkout.session.completed", sessionId)).toEqual([200]);
      const [audit] = await audits(orderId, "order.payment_mismatch");
      expect(JSON.parse(audit?.details ?? "{}").problem).toMatch(problem);
      expect(await successPage(sessionId)).toContain("Payment processing");
      // Reloads at once (each re-checks the session and finds the mismatch again): staff are told once.
      const reloads = await Promise.all([1, 2, 3].map(() => successPage(sessionId)));
      expect(reloads.every((page) => page.includes("Payment processing"))).toBe(true);
      expect((await order(orderId)).status).toBe("PENDING");
      expect(await audits(orderId, "order.payment_mismatch")).toHaveLength(1);
    },
  );

  it("a session not the order's own is ignored, even if client_reference_id and metadata name the order", async () => {
    const { orderId } = await checkout(["letters-from-the-lighthouse"]);
    // The order as it is between its insert and the recording of its session id (or after a crash there).
    await shop.db.prisma.order.update({ where: { id: orderId }, data: { stripeCheckoutSessionId: null } });
    const forged = await shop.stripe.checkout.sessions.create({
      mode: "payment",
      client_reference_id: orderId,
      metadata: { orderId },
      line_items: [
        {
          quantity: 1,
          price_data: { currency: "usd", unit_amount: 700, product_data: { name: "Letters from the Lighthouse" } },
        },
      ],
      success_url: `${shop.app.url}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
    });
    await pay(forged.id, "forger@example.com");
    expect(deliveriesOf("checkout.session.completed", forged.id)).toEqual([200]);
    expect(await successPage(forged.id)).toContain("We could not find that order");
    expect(await order(orderId)).toMatchObject({ status: "PENDING", stripePaymentIntentId: null });
    expect(await grants(orderId)).toHaveLength(0);
    expect(receiptsTo("forger@example.com")).toHaveLength(0);
  });

  it("with the order's own session recorded, paying another session changes nothing; paying its own does", async () => {
    const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
    const other = await shop.stripe.checkout.sessions.create({
      mode: "payment",
      client_reference_id: orderId,
      metadata: { orderId },
      line_items: [
        { quantity: 1, price_data: { currency: "usd", unit_amount: 700, product_data: { name: "Letters" } } },
      ],
      success_url: `${shop.app.url}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
    });
    await pay(other.id, "other-session@example.com");
    expect((await order(orderId)).status).toBe("PENDING");
    await pay(sessionId, "own-session@example.com");
    expect(await order(orderId)).toMatchObject({ status: "PAID", email: "own-session@example.com" });
  });
});

describe("refunds and disputes that overtake the payment", () => {
  it("a refund delivered before the checkout event is applied, not dropped", async () => {
    await control("/hold");
    const { sessionId, orderId } = await checkout(["field-notes-on-typography"]);
    await control(`/sessions/${sessionId}/pay`, { outcome: "paid", email: "early-refund@example.com" });
    const paymentIntent = (await shop.stripe.checkout.sessions.retrieve(sessionId)).payment_intent as string;
    const refund = await shop.stripe.refunds.create({ payment_intent: paymentIntent });
    expect((await order(orderId)).status).toBe("PENDING");

    await control("/release?order=reverse");
    await shop.emulator.idle();
    expect(deliveriesOf("charge.refunded", refund.charge as string).at(-1)).toBe(200);
    expect(await order(orderId)).toMatchObject({ status: "REFUNDED", stripePaymentIntentId: paymentIntent });
    const after = await grants(orderId);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((g) => g.revokedAt !== null)).toBe(true);
  });

  it("a dispute delivered before the checkout event pauses the downloads", async () => {
    await control("/hold");
    const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
    await control(`/sessions/${sessionId}/pay`, { outcome: "paid", email: "early-dispute@example.com" });
    const paymentIntent = await shop.stripe.paymentIntents.retrieve(
      (await shop.stripe.checkout.sessions.retrieve(sessionId)).payment_intent as string,
    );
    await control("/disputes", { charge: paymentIntent.latest_charge });
    await control("/release?order=reverse");
    await shop.emulator.idle();
    expect((await order(orderId)).status).toBe("DISPUTED");
    const [grant] = await grants(orderId);
    expect((await download(grant.id, "HEAD")).status).toBe(403);
  });

  it("a refund for a payment not settled yet is answered 5xx and not recorded, so Stripe sends it again", async () => {
    await control("/hold");
    const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
    await control(`/sessions/${sessionId}/pay`, { outcome: "paid", email: "unsettled@example.com" });
    const paymentIntent = (await shop.stripe.checkout.sessions.retrieve(sessionId)).payment_intent as string;
    await shop.stripe.refunds.create({ payment_intent: paymentIntent });
    const refunded = shop.emulator
      .events()
      .find((e) => e.type === "charge.refunded" && e.event.data.object.payment_intent === paymentIntent);
    expect(refunded).toBeDefined();
    // The order knows another payment intent: the session resolves to it but cannot settle it.
    await shop.db.prisma.order.update({
      where: { id: orderId },
      data: { status: "PAID", stripePaymentIntentId: "pi_someone_else" },
    });
    const payload = JSON.stringify(refunded?.event);
    const post = () =>
      fetch(`${shop.app.url}/api/stripe/webhook`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "stripe-signature": shop.stripe.webhooks.generateTestHeaderString({ payload, secret: shop.webhookSecret }),
        },
        body: payload,
      });
    expect((await post()).status).toBe(500);
    expect(await shop.db.prisma.processedStripeEvent.count({ where: { id: refunded?.id ?? "" } })).toBe(0);

    await shop.db.prisma.order.update({ where: { id: orderId }, data: { stripePaymentIntentId: paymentIntent } });
    const retry = await post();
    expect(await retry.json()).toEqual({ received: true, result: "processed" });
    expect((await order(orderId)).status).toBe("REFUNDED");
    await control("/deliveries");
    await shop.emulator.idle();
  });
});

describe("every dispute status", () => {
  const cases = [
    ["warning_needs_response", "DISPUTED", "paused"],
    ["warning_under_review", "DISPUTED", "paused"],
    ["warning_closed", "PAID", "open"],
    ["needs_response", "DISPUTED", "paused"],
    ["under_review", "DISPUTED", "paused"],
    ["won", "PAID", "open"],
    ["lost", "REFUNDED", "revoked"],
    ["prevented", "PAID", "open"],
  ] as const;

  it.each(cases)("%s → order %s, downloads %s", async (status, orderStatus, access) => {
    const email = `dispute-${status}@example.com`;
    const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
    await pay(sessionId, email);
    const [grant] = await grants(orderId);
    expect((await order(orderId)).status).toBe("PAID");
    const paymentIntent = await shop.stripe.paymentIntents.retrieve((await order(orderId)).stripePaymentIntentId ?? "");
    const inquiry = status.startsWith("warning_");
    const dispute = await control<{ id: string; status: string }>("/disputes", {
      charge: paymentIntent.latest_charge,
      status: inquiry ? "warning_needs_response" : "needs_response",
    });
    await shop.emulator.idle();
    expect((await order(orderId)).status).toBe("DISPUTED");
    if (dispute.status !== status) {
      await control(`/disputes/${dispute.id}/status`, { status });
      await shop.emulator.idle();
    }

    expect((await order(orderId)).status).toBe(orderStatus);
    const answer = await download(grant.id);
    const body = await answer.text();
    if (access === "open") expect(answer.status).toBe(200);
    else expect(answer.status).toBe(403);
    if (access === "paused") expect(body).toContain("paused");
    expect((await grants(orderId))[0].revokedAt !== null).toBe(access === "revoked");
  });
});

describe("guest orders attach only to verified accounts", () => {
  async function createAccount(email: string, verified: boolean): Promise<string> {
    const id = `usr_${randomUUID()}`;
    const now = new Date();
    await shop.db.prisma.user.create({
      data: { id, email, role: "CUSTOMER", emailVerifiedAt: verified ? now : null, sessionVersion: 0 },
    });
    return id;
  }

  it("an unverified account with the buyer's email does not get the order; the receipt has a claim link", async () => {
    const email = "unverified-squatter@example.com";
    await createAccount(email, false);
    const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
    await pay(sessionId, email);
    expect(await order(orderId)).toMatchObject({ status: "PAID", userId: null, email });
    expect(receiptsTo(email).at(-1)?.text).toMatch(/\/claim\?order=/);
  });

  it("a verified account with the buyer's email gets the order", async () => {
    const email = "verified-owner@example.com";
    const userId = await createAccount(email, true);
    const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
    await pay(sessionId, email);
    expect(await order(orderId)).toMatchObject({ status: "PAID", userId });
    expect(receiptsTo(email).at(-1)?.text).not.toContain("/claim?");
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signedQuery } from "@/lib/downloads/signed-link";
import { DEMO, signIn } from "../helpers/http-session";
import { outbox, startShop, type Shop } from "../helpers/shop";
import { callOrderAction } from "../helpers/server-action";

let shop: Shop;
let books: Record<string, string>;

beforeAll(async () => {
  shop = await startShop("payments-trust");
  const rows = shop.db.sql.prepare(`SELECT id, slug FROM Product`).all() as { id: string; slug: string }[];
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
  const row = shop.db.sql.prepare(`SELECT id FROM "Order" WHERE stripeCheckoutSessionId = ?`).get(sessionId) as
    { id: string } | undefined;
  expect(row, `checkout answered ${response.status} ${response.headers.get("location")}`).toBeDefined();
  return { sessionId, orderId: row?.id ?? "" };
}

async function pay(sessionId: string, email: string) {
  await control(`/sessions/${sessionId}/pay`, { outcome: "paid", email });
  await shop.emulator.idle();
}

const order = (id: string) =>
  shop.db.sql.prepare(`SELECT status, userId, email, stripePaymentIntentId FROM "Order" WHERE id = ?`).get(id) as {
    status: string;
    userId: string | null;
    email: string;
    stripePaymentIntentId: string | null;
  };
const grants = (orderId: string) =>
  shop.db.sql
    .prepare(
      `SELECT g.id, g.productFileId, g.revokedAt, g.downloadsUsed FROM DownloadGrant g JOIN OrderItem i ON i.id = g.orderItemId WHERE i.orderId = ? ORDER BY g.createdAt, g.id`,
    )
    .all(orderId) as { id: string; productFileId: string; revokedAt: string | null; downloadsUsed: number }[];
const receiptsTo = (email: string) => outbox(shop.store).filter((mail) => mail.to === email);
const audits = (orderId: string, action: string) =>
  shop.db.sql.prepare(`SELECT details FROM AuditLog WHERE targetId = ? AND action = ?`).all(orderId, action) as {
    details: string;
  }[];
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
function publishNewVersion(fileId: string): string {
  const old = shop.db.sql.prepare(`SELECT * FROM ProductFile WHERE id = ?`).get(fileId) as {
    productId: string;
    displayName: string;
    storageKey: string;
    size: number;
    sha256: string;
    contentType: string;
    version: number;
    lineageId: string | null;
  };
  const id = `fil_${randomUUID()}`;
  const now = new Date().toISOString();
  shop.db.sql.transaction(() => {
    shop.db.sql.prepare(`UPDATE ProductFile SET active = 0, supersededAt = ? WHERE id = ?`).run(now, fileId);
    shop.db.sql
      .prepare(
        `INSERT INTO ProductFile (id, productId, displayName, storageKey, size, sha256, contentType, version, lineageId, active, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
      )
      .run(
        id,
        old.productId,
        old.displayName,
        `${old.storageKey}.v${old.version + 1}`,
        old.size,
        old.sha256,
        old.contentType,
        old.version + 1,
        old.lineageId ?? fileId,
        now,
      );
  })();
  return id;
}

describe("fulfilment happens once, on the transition to paid", () => {
  it("reloading the success page after staff revoked access creates nothing, not even for a version published since", async () => {
    // A book no other test here buys: its new version has no bytes on disk.
    const { sessionId, orderId } = await checkout(["atlas-of-small-harbors"]);
    await pay(sessionId, "reloader@example.com");
    const [grant] = grants(orderId);
    expect(grants(orderId)).toHaveLength(1);

    const staff = await signIn(shop.app.url, DEMO.staff.email, DEMO.staff.password);
    const revoked = await callOrderAction(shop.app.url, "revokeAccessAction", { orderId }, { cookie: staff });
    expect(revoked.state).toMatchObject({ message: "Revoked access to 1 file." });
    expect((await download(grant.id, "HEAD")).status).toBe(403);

    const newVersion = publishNewVersion(grant.productFileId);
    for (let i = 0; i < 3; i++) expect(await successPage(sessionId)).toContain("Thank you!");

    const after = grants(orderId);
    expect(after).toHaveLength(1);
    expect(after.some((g) => g.productFileId === newVersion)).toBe(false);
    expect(after[0].revokedAt).not.toBeNull();
    expect(receiptsTo("reloader@example.com")).toHaveLength(1);
  });
});

describe("the payment must match the order", () => {
  it.each([
    [
      "amount",
      `UPDATE "Order" SET totalCents = totalCents + 100, subtotalCents = subtotalCents + 100 WHERE id = ?`,
      /amount_total 700/,
    ],
    ["currency", `UPDATE "Order" SET currency = 'eur' WHERE id = ?`, /currency usd/],
  ])(
    "a paid session with another %s leaves the order PENDING, audited, and the webhook answered 2xx",
    async (_, change, problem) => {
      const email = `mismatch-${_}@example.com`;
      const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
      shop.db.sql.prepare(change).run(orderId);
      await pay(sessionId, email);

      expect(order(orderId).status).toBe("PENDING");
      expect(grants(orderId)).toHaveLength(0);
      expect(receiptsTo(email)).toHaveLength(0);
      expect(deliveriesOf("checkout.session.completed", sessionId)).toEqual([200]);
      const [audit] = audits(orderId, "order.payment_mismatch");
      expect(JSON.parse(audit?.details ?? "{}").problem).toMatch(problem);
      expect(await successPage(sessionId)).toContain("Payment processing");
      // Reloads at once (each re-checks the session and finds the mismatch again): staff are told once.
      const reloads = await Promise.all([1, 2, 3].map(() => successPage(sessionId)));
      expect(reloads.every((page) => page.includes("Payment processing"))).toBe(true);
      expect(order(orderId).status).toBe("PENDING");
      expect(audits(orderId, "order.payment_mismatch")).toHaveLength(1);
    },
  );

  it("a session that is not the order's own is ignored, even when client_reference_id and metadata name the order", async () => {
    const { orderId } = await checkout(["letters-from-the-lighthouse"]);
    // The order as it is between its insert and the recording of its session id (or after a crash there).
    shop.db.sql.prepare(`UPDATE "Order" SET stripeCheckoutSessionId = NULL WHERE id = ?`).run(orderId);
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
    expect(order(orderId)).toMatchObject({ status: "PENDING", stripePaymentIntentId: null });
    expect(grants(orderId)).toHaveLength(0);
    expect(receiptsTo("forger@example.com")).toHaveLength(0);
  });

  it("with the order's own session recorded, paying another session for it changes nothing; paying its own does", async () => {
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
    expect(order(orderId).status).toBe("PENDING");
    await pay(sessionId, "own-session@example.com");
    expect(order(orderId)).toMatchObject({ status: "PAID", email: "own-session@example.com" });
  });
});

describe("refunds and disputes that overtake the payment", () => {
  it("a refund delivered before the checkout event is applied, not dropped", async () => {
    await control("/hold");
    const { sessionId, orderId } = await checkout(["field-notes-on-typography"]);
    await control(`/sessions/${sessionId}/pay`, { outcome: "paid", email: "early-refund@example.com" });
    const paymentIntent = (await shop.stripe.checkout.sessions.retrieve(sessionId)).payment_intent as string;
    const refund = await shop.stripe.refunds.create({ payment_intent: paymentIntent });
    expect(order(orderId).status).toBe("PENDING");

    await control("/release?order=reverse");
    await shop.emulator.idle();
    expect(deliveriesOf("charge.refunded", refund.charge as string).at(-1)).toBe(200);
    expect(order(orderId)).toMatchObject({ status: "REFUNDED", stripePaymentIntentId: paymentIntent });
    const after = grants(orderId);
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
    expect(order(orderId).status).toBe("DISPUTED");
    const [grant] = grants(orderId);
    expect((await download(grant.id, "HEAD")).status).toBe(403);
  });

  it("a refund for a payment the store cannot settle yet is answered 5xx and not recorded, so Stripe sends it again", async () => {
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
    shop.db.sql
      .prepare(`UPDATE "Order" SET status = 'PAID', stripePaymentIntentId = 'pi_someone_else' WHERE id = ?`)
      .run(orderId);
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
    expect(
      shop.db.sql.prepare(`SELECT COUNT(*) AS n FROM ProcessedStripeEvent WHERE id = ?`).get(refunded?.id),
    ).toEqual({ n: 0 });

    shop.db.sql.prepare(`UPDATE "Order" SET stripePaymentIntentId = ? WHERE id = ?`).run(paymentIntent, orderId);
    const retry = await post();
    expect(await retry.json()).toEqual({ received: true, result: "processed" });
    expect(order(orderId).status).toBe("REFUNDED");
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
    const [grant] = grants(orderId);
    expect(order(orderId).status).toBe("PAID");
    const paymentIntent = await shop.stripe.paymentIntents.retrieve(order(orderId).stripePaymentIntentId ?? "");
    const inquiry = status.startsWith("warning_");
    const dispute = await control<{ id: string; status: string }>("/disputes", {
      charge: paymentIntent.latest_charge,
      status: inquiry ? "warning_needs_response" : "needs_response",
    });
    await shop.emulator.idle();
    expect(order(orderId).status).toBe("DISPUTED");
    if (dispute.status !== status) {
      await control(`/disputes/${dispute.id}/status`, { status });
      await shop.emulator.idle();
    }

    expect(order(orderId).status).toBe(orderStatus);
    const answer = await download(grant.id);
    const body = await answer.text();
    if (access === "open") expect(answer.status).toBe(200);
    else expect(answer.status).toBe(403);
    if (access === "paused") expect(body).toContain("paused");
    expect(grants(orderId)[0].revokedAt !== null).toBe(access === "revoked");
  });
});

describe("guest orders attach only to verified accounts", () => {
  function createAccount(email: string, verified: boolean): string {
    const id = `usr_${randomUUID()}`;
    const now = new Date().toISOString();
    shop.db.sql
      .prepare(
        `INSERT INTO "User" (id, email, role, emailVerifiedAt, sessionVersion, createdAt, updatedAt) VALUES (?, ?, 'CUSTOMER', ?, 0, ?, ?)`,
      )
      .run(id, email, verified ? now : null, now, now);
    return id;
  }

  it("an unverified account with the buyer's email does not get the order; the receipt offers the claim link", async () => {
    const email = "unverified-squatter@example.com";
    createAccount(email, false);
    const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
    await pay(sessionId, email);
    expect(order(orderId)).toMatchObject({ status: "PAID", userId: null, email });
    expect(receiptsTo(email).at(-1)?.text).toMatch(/\/claim\?order=/);
  });

  it("a verified account with the buyer's email gets the order", async () => {
    const email = "verified-owner@example.com";
    const userId = createAccount(email, true);
    const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
    await pay(sessionId, email);
    expect(order(orderId)).toMatchObject({ status: "PAID", userId });
    expect(receiptsTo(email).at(-1)?.text).not.toContain("/claim?");
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO, signIn } from "../helpers/http-session";
import { outbox, startShop, type Shop } from "../helpers/shop";

let shop: Shop;
let bookIds: Record<string, { id: string; priceCents: number }>;

beforeAll(async () => {
  shop = await startShop("payments");
  const rows = await shop.db.prisma.product.findMany({ select: { id: true, slug: true, priceCents: true } });
  bookIds = Object.fromEntries(rows.map((row) => [row.slug, row]));
});
afterAll(async () => {
  await shop?.stop();
});
beforeEach(async () => {
  await fetch(`${shop.emulator.url}/_emulator/deliveries`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
});

const json = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
const control = (path: string, body: unknown = {}) =>
  fetch(`${shop.emulator.url}/_emulator${path}`, json(body)).then((r) => r.json());

/** Checks out the given books through POST /api/checkout, as the cart's button does. */
async function checkout(
  slugs: string[],
  cookie = "",
): Promise<{ sessionId: string; orderId: string; response: Response }> {
  const cart = slugs.map((slug) => bookIds[slug].id).join(".");
  const response = await fetch(`${shop.app.url}/api/checkout`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: shop.app.url, cookie: [`bindery_cart=${cart}`, cookie].filter(Boolean).join("; ") },
  });
  const location = response.headers.get("location") ?? "";
  const sessionId = location.split("/pay/")[1] ?? "";
  const order = await shop.db.prisma.order.findUnique({
    where: { stripeCheckoutSessionId: sessionId },
    select: { id: true },
  });
  return { sessionId, orderId: order?.id ?? "", response };
}

const order = (id: string) =>
  shop.db.prisma.order.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      email: true,
      userId: true,
      totalCents: true,
      refundedCents: true,
      stripePaymentIntentId: true,
    },
  });
async function grants(orderId: string) {
  const rows = await shop.db.prisma.downloadGrant.findMany({
    where: { orderItem: { orderId } },
    orderBy: { id: "asc" },
    select: { id: true, revokedAt: true, revokedReason: true, orderItem: { select: { id: true, productId: true } } },
  });
  return rows.map(({ orderItem, ...grant }) => ({ ...grant, itemId: orderItem.id, productId: orderItem.productId }));
}
const receiptsTo = (email: string) => outbox(shop.store).filter((mail) => mail.to === email);

async function pay(sessionId: string, email: string, outcome = "paid") {
  await control(`/sessions/${sessionId}/pay`, { outcome, email });
  await shop.emulator.idle();
}

describe("checkout", () => {
  it("answers 303 to Stripe Checkout with prices and names from the database", async () => {
    const { response, sessionId, orderId } = await checkout([
      "the-quiet-art-of-binding",
      "letters-from-the-lighthouse",
    ]);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${shop.emulator.url}/pay/${sessionId}`);
    expect(await order(orderId)).toMatchObject({ status: "PENDING", totalCents: 1200 + 700 });
    const session = await shop.stripe.checkout.sessions.retrieve(sessionId, { expand: ["line_items"] });
    expect(session.amount_total).toBe(1900);
    expect(session.metadata?.orderId).toBe(orderId);
    expect(session.client_reference_id).toBe(orderId);
    expect(session.success_url).toBe(`${shop.app.url}/checkout/success?session_id={CHECKOUT_SESSION_ID}`);
    expect(session.line_items?.data.map((line) => [line.description, line.amount_total])).toEqual([
      ["The Quiet Art of Binding", 1200],
      ["Letters from the Lighthouse", 700],
    ]);
  });

  it("ignores anything but book ids: a price in the request changes nothing, an unknown id is refused", async () => {
    const tampered = await fetch(`${shop.app.url}/api/checkout`, {
      method: "POST",
      redirect: "manual",
      headers: {
        origin: shop.app.url,
        cookie: `bindery_cart=${bookIds["atlas-of-small-harbors"].id}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "price=1&unit_amount=1&amount=1",
    });
    const sessionId = (tampered.headers.get("location") ?? "").split("/pay/")[1];
    expect((await shop.stripe.checkout.sessions.retrieve(sessionId)).amount_total).toBe(2400);

    const unknown = await fetch(`${shop.app.url}/api/checkout`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: shop.app.url, cookie: `bindery_cart=${bookIds["drafts-and-proofs"].id}` },
    });
    expect(unknown.headers.get("location")).toBe("/cart?error=checkout-unavailable");
  });

  it("refuses a cross-site POST", async () => {
    const response = await fetch(`${shop.app.url}/api/checkout`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: "https://evil.example", cookie: `bindery_cart=${bookIds["atlas-of-small-harbors"].id}` },
    });
    expect(response.status).toBe(403);
  });

  it("refuses books the signed-in customer already owns", async () => {
    const cookie = await signIn(shop.app.url, DEMO.reader.email, DEMO.reader.password);
    const { response } = await checkout(["the-quiet-art-of-binding"], cookie);
    expect(response.headers.get("location")).toBe("/cart?error=already-owned");
  });
});

describe("fulfilment", () => {
  it("a guest pays: the order is PAID once, grants are created, and the receipt carries working links", async () => {
    const { sessionId, orderId } = await checkout(["field-notes-on-typography", "letters-from-the-lighthouse"]);
    await pay(sessionId, "guest-one@example.com");
    expect(await order(orderId)).toMatchObject({ status: "PAID", email: "guest-one@example.com", userId: null });
    expect(await grants(orderId)).toHaveLength(3); // PDF + EPUB + PDF
    const [receipt] = receiptsTo("guest-one@example.com");
    expect(receipt.subject).toContain("Field Notes on Typography");
    expect(receipt.text).toContain("Total: $16.00");
    const links = [...receipt.text.matchAll(/Download (.+?): (\S+)/g)].map((m) => m[2]);
    expect(links).toHaveLength(3);
    const download = await fetch(links[0]);
    expect(download.status).toBe(200);
    expect(
      Buffer.from(await download.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toMatch(/^%PDF-|^PK/);
    expect(receipt.text).toMatch(/Create your account to keep your books in a library: \S+\/claim\?order=/);
  });

  it("20 copies of the same event at once fulfil exactly once", async () => {
    await control("/hold");
    const { sessionId, orderId } = await checkout(["atlas-of-small-harbors"]);
    await pay(sessionId, "guest-twenty@example.com").catch(() => undefined);
    const completed = shop.emulator
      .events()
      .find((e) => e.type === "checkout.session.completed" && e.object_id === sessionId);
    expect(completed).toBeDefined();
    const payload = JSON.stringify(completed?.event);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${shop.app.url}/api/stripe/webhook`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "stripe-signature": shop.stripe.webhooks.generateTestHeaderString({ payload, secret: shop.webhookSecret }),
          },
          body: payload,
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    await control("/release");
    await shop.emulator.idle();
    expect((await order(orderId)).status).toBe("PAID");
    expect(await grants(orderId)).toHaveLength(1);
    expect(receiptsTo("guest-twenty@example.com")).toHaveLength(1);
  });

  it("the success page before the webhook fulfils by the same path; without payment it grants nothing", async () => {
    await control("/hold");
    const unpaid = await checkout(["a-practical-guide-to-self-publishing"]);
    const early = await fetch(`${shop.app.url}/checkout/success?session_id=${unpaid.sessionId}`);
    expect(await early.text()).toContain("Payment processing");
    expect(await grants(unpaid.orderId)).toHaveLength(0);
    expect((await order(unpaid.orderId)).status).toBe("PENDING");

    await control(`/sessions/${unpaid.sessionId}/pay`, { outcome: "paid", email: "guest-early@example.com" });
    const successPages = await Promise.all(
      Array.from({ length: 5 }, () =>
        fetch(`${shop.app.url}/checkout/success?session_id=${unpaid.sessionId}`).then((r) => r.text()),
      ),
    );
    expect(successPages.every((html) => html.includes("Thank you!"))).toBe(true);
    expect(successPages[0]).not.toContain("/api/downloads/");
    await control("/release");
    await shop.emulator.idle();
    expect((await order(unpaid.orderId)).status).toBe("PAID");
    expect(await grants(unpaid.orderId)).toHaveLength(1);
    expect(receiptsTo("guest-early@example.com")).toHaveLength(1);
  });

  it("a made-up session id shows nothing", async () => {
    const page = await fetch(`${shop.app.url}/checkout/success?session_id=cs_test_made_up`);
    expect(await page.text()).toContain("We could not find that order");
  });

  it("async payments: processing until settled; events delivered newest first still end PAID", async () => {
    await control("/deliveries", { reverse: true });
    const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
    await control(`/sessions/${sessionId}/pay`, { outcome: "async", email: "guest-async@example.com" });
    expect((await order(orderId)).status).toBe("PENDING");
    await control(`/sessions/${sessionId}/pay`, { outcome: "async_succeeded" });
    await control("/release?order=reverse");
    await shop.emulator.idle();
    expect((await order(orderId)).status).toBe("PAID");
    expect(await grants(orderId)).toHaveLength(1);
  });

  it("an async payment that fails marks the order FAILED and grants nothing", async () => {
    const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
    await pay(sessionId, "guest-fail@example.com", "async");
    await pay(sessionId, "guest-fail@example.com", "async_failed");
    expect((await order(orderId)).status).toBe("FAILED");
    expect(await grants(orderId)).toHaveLength(0);
  });

  it("a guest paying with an existing account's email sees the purchase in that library", async () => {
    const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
    await pay(sessionId, DEMO.staff.email);
    expect((await order(orderId)).userId).toBe(await shop.db.userId(DEMO.staff.email));
    const cookie = await signIn(shop.app.url, DEMO.staff.email, DEMO.staff.password);
    expect(await (await fetch(`${shop.app.url}/library`, { headers: { cookie } })).text()).toContain(
      "Letters from the Lighthouse",
    );
    expect(receiptsTo(DEMO.staff.email).at(-1)?.text).not.toContain("/claim?");
  });
});

describe("webhook signatures", () => {
  async function post(payload: string, header: string | null) {
    return fetch(`${shop.app.url}/api/stripe/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(header ? { "stripe-signature": header } : {}) },
      body: payload,
    });
  }

  it("refuses tampered, wrongly signed, stale and unsigned events with 400 and changes nothing", async () => {
    await control("/hold");
    const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
    await control(`/sessions/${sessionId}/pay`, { outcome: "paid", email: "guest-sig@example.com" });
    const event = shop.emulator
      .events()
      .find((e) => e.type === "checkout.session.completed" && e.object_id === sessionId)?.event;
    const payload = JSON.stringify(event);
    const sign = (body: string, secret = shop.webhookSecret, timestamp?: number) =>
      shop.stripe.webhooks.generateTestHeaderString({ payload: body, secret, ...(timestamp ? { timestamp } : {}) });

    expect((await post(payload.replace("guest-sig", "guest-evil"), sign(payload))).status).toBe(400);
    expect((await post(payload, sign(payload, "whsec_wrong"))).status).toBe(400);
    expect((await post(payload, sign(payload, shop.webhookSecret, Math.floor(Date.now() / 1000) - 301))).status).toBe(
      400,
    );
    expect((await post(payload, null)).status).toBe(400);
    expect((await order(orderId)).status).toBe("PENDING");

    const ok = await post(payload, sign(payload));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ received: true, result: "processed" });
    expect((await order(orderId)).status).toBe("PAID");
    const again = await post(payload, sign(payload));
    expect(await again.json()).toEqual({ received: true, result: "duplicate" });
    await control("/release");
    await shop.emulator.idle();
  });

  it("answers 2xx to event types it does not handle", async () => {
    const payload = JSON.stringify({
      id: "evt_unhandled_1",
      object: "event",
      type: "customer.created",
      data: { object: { id: "cus_1", object: "customer" } },
    });
    const response = await post(
      payload,
      shop.stripe.webhooks.generateTestHeaderString({ payload, secret: shop.webhookSecret }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, result: "ignored" });
  });

  it("answers 5xx when processing fails (Stripe unreachable), and the retry then succeeds", async () => {
    await control("/hold");
    const { sessionId, orderId } = await checkout(["letters-from-the-lighthouse"]);
    await control(`/sessions/${sessionId}/pay`, { outcome: "paid", email: "guest-retry@example.com" });
    const event = shop.emulator
      .events()
      .find((e) => e.type === "checkout.session.completed" && e.object_id === sessionId)?.event;
    // Point the event at a session Stripe does not know: the re-fetch fails like an outage would.
    const broken = JSON.stringify({
      ...event,
      id: "evt_outage_1",
      data: { object: { ...event?.data.object, id: "cs_test_unreachable" } },
    });
    const failed = await post(
      broken,
      shop.stripe.webhooks.generateTestHeaderString({ payload: broken, secret: shop.webhookSecret }),
    );
    expect(failed.status).toBe(500);
    expect(await shop.db.prisma.processedStripeEvent.count({ where: { id: "evt_outage_1" } })).toBe(0);
    await control("/release");
    await shop.emulator.idle();
    expect((await order(orderId)).status).toBe("PAID");
  });
});

describe("refunds and disputes", () => {
  async function paidOrder(slugs: string[], email: string) {
    const { sessionId, orderId } = await checkout(slugs);
    await pay(sessionId, email);
    return { orderId, paymentIntent: (await order(orderId)).stripePaymentIntentId ?? "" };
  }

  it("a full refund revokes every grant with the reason", async () => {
    const { orderId, paymentIntent } = await paidOrder(
      ["field-notes-on-typography", "letters-from-the-lighthouse"],
      "guest-refund@example.com",
    );
    await shop.stripe.refunds.create({ payment_intent: paymentIntent });
    await shop.emulator.idle();
    expect(await order(orderId)).toMatchObject({ status: "REFUNDED", refundedCents: 1600 });
    // Field Notes' PDF and EPUB, Letters' PDF.
    expect((await grants(orderId)).map((g) => g.revokedAt !== null && g.revokedReason)).toEqual([
      "Order refunded",
      "Order refunded",
      "Order refunded",
    ]);
  });

  it("a refund by item revokes exactly that item's grants", async () => {
    const { orderId, paymentIntent } = await paidOrder(
      ["field-notes-on-typography", "letters-from-the-lighthouse"],
      "guest-item@example.com",
    );
    const fieldNotes = (await grants(orderId)).find((g) => g.productId === bookIds["field-notes-on-typography"].id);
    await shop.stripe.refunds.create({
      payment_intent: paymentIntent,
      amount: 900,
      metadata: { orderItemIds: fieldNotes?.itemId ?? "" },
    });
    await shop.emulator.idle();
    expect(await order(orderId)).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 900 });
    const after = await grants(orderId);
    expect(after.filter((g) => g.revokedAt !== null).map((g) => g.itemId)).toEqual([
      fieldNotes?.itemId,
      fieldNotes?.itemId,
    ]);
    expect(after.filter((g) => g.revokedAt === null)).toHaveLength(1);
  });

  it("a partial refund that names no item keeps access", async () => {
    const { orderId, paymentIntent } = await paidOrder(["letters-from-the-lighthouse"], "guest-goodwill@example.com");
    await shop.stripe.refunds.create({ payment_intent: paymentIntent, amount: 200 });
    await shop.emulator.idle();
    expect(await order(orderId)).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 200 });
    expect((await grants(orderId)).map((g) => g.revokedAt)).toEqual([null]);
  });

  it.each([
    ["won", "PAID", false],
    ["lost", "REFUNDED", true],
  ] as const)("a dispute suspends downloads; %s → %s", async (outcome, finalStatus, revoked) => {
    const { orderId, paymentIntent } = await paidOrder(
      ["letters-from-the-lighthouse"],
      `guest-dispute-${outcome}@example.com`,
    );
    const charge = (await shop.stripe.paymentIntents.retrieve(paymentIntent)).latest_charge as string;
    const dispute = (await control("/disputes", { charge })) as { id: string };
    await shop.emulator.idle();
    expect((await order(orderId)).status).toBe("DISPUTED");
    const [grant] = await grants(orderId);
    const link = (await import("@/lib/downloads/signed-link")).signedQuery(grant.id, 600, shop.store.env.AUTH_SECRET);
    const paused = await fetch(`${shop.app.url}/api/downloads/${grant.id}?${link}`);
    expect(paused.status).toBe(403);
    expect(await paused.text()).toContain("paused");

    await control(`/disputes/${dispute.id}/close`, { status: outcome });
    await shop.emulator.idle();
    expect((await order(orderId)).status).toBe(finalStatus);
    expect((await grants(orderId))[0].revokedAt !== null).toBe(revoked);
    expect((await fetch(`${shop.app.url}/api/downloads/${grant.id}?${link}`, { method: "HEAD" })).status).toBe(
      revoked ? 403 : 200,
    );
  });
});

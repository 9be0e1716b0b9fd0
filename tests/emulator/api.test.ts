import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../scripts/stripe-emulator/emulator.mjs";
import { bookSession, control, sdkFor } from "./helpers";

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startEmulator();
  stripe = sdkFor(emulator.url);
});
afterAll(() => emulator.stop());

const apiError = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the request to fail");
    },
    (error: Stripe.errors.StripeError) => error,
  );

describe("authentication", () => {
  it("answers 401 in Stripe's error shape without a key, with a bad key and with a live key", async () => {
    const none = await fetch(`${emulator.url}/v1/checkout/sessions/cs_test_x`);
    expect(none.status).toBe(401);
    const body = await none.json();
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toMatch(/You did not provide an API key/);

    for (const key of ["sk_test", "pk_test_abc", "sk_live_0123456789abcdef"]) {
      const error = await apiError(sdkFor(emulator.url, key).checkout.sessions.retrieve("cs_test_x"));
      expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
      expect(error.statusCode).toBe(401);
      expect(error.message).toMatch(/^Invalid API Key provided/);
      expect(error.message).not.toContain("0123456789ab");
    }
  });
});

describe("checkout sessions", () => {
  it("creates a session from form-encoded line items and returns Stripe's shape", async () => {
    const session = await bookSession(stripe, { customer_email: "reader@example.com" });
    expect(session.id).toMatch(/^cs_test_\w{40,}$/);
    expect(session).toMatchObject({
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_subtotal: 3100,
      amount_total: 3100,
      currency: "usd",
      customer_email: "reader@example.com",
      customer_details: null,
      payment_intent: null,
      client_reference_id: "order_42",
      metadata: { orderId: "order_42" },
      success_url: "http://127.0.0.1:3000/checkout/success?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "http://127.0.0.1:3000/cart",
      livemode: false,
      url: `${emulator.url}/pay/${session.id}`,
    });
    expect(session.created).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(session.expires_at).toBe(session.created + 86400);
    expect(session.line_items).toBeUndefined();
    expect(session.lastResponse.headers["request-id"]).toMatch(/^req_/);
  });

  it("retrieves with expand line_items and lists line items with expanded products", async () => {
    const created = await bookSession(stripe);
    const session = await stripe.checkout.sessions.retrieve(created.id, { expand: ["line_items", "payment_intent"] });
    expect(session.payment_intent).toBeNull();
    expect(session.line_items?.object).toBe("list");
    expect(session.line_items?.has_more).toBe(false);
    const [first, second] = session.line_items!.data;
    expect(first).toMatchObject({
      object: "item",
      description: "The Bindery Handbook",
      quantity: 1,
      amount_subtotal: 1500,
      amount_total: 1500,
      currency: "usd",
    });
    expect(second).toMatchObject({ description: "Short Stories (PDF)", quantity: 2, amount_total: 1600 });
    expect(first.id).toMatch(/^li_/);
    expect(first.price).toMatchObject({ object: "price", unit_amount: 1500, currency: "usd", type: "one_time" });
    expect(first.price!.product).toMatch(/^prod_/);

    const items = await stripe.checkout.sessions.listLineItems(created.id, { expand: ["data.price.product"] });
    const product = items.data[1].price!.product as Stripe.Product;
    expect(product).toMatchObject({ object: "product", name: "Short Stories (PDF)", metadata: { bookId: "book_2" } });

    const deep = await stripe.checkout.sessions.retrieve(created.id, { expand: ["line_items.data.price.product"] });
    expect((deep.line_items!.data[0].price!.product as Stripe.Product).metadata).toEqual({ bookId: "book_1" });
  });

  it("returns the first 10 items when expanded and pages through the rest, like Stripe", async () => {
    const line_items = Array.from({ length: 12 }, (_, i) => ({
      quantity: 1,
      price_data: { currency: "usd", unit_amount: 100 + i, product_data: { name: `Book ${i}` } },
    }));
    const created = await bookSession(stripe, { line_items });
    const session = await stripe.checkout.sessions.retrieve(created.id, { expand: ["line_items"] });
    expect(session.line_items!.data).toHaveLength(10);
    expect(session.line_items!.has_more).toBe(true);
    const all = await stripe.checkout.sessions
      .listLineItems(created.id, { limit: 5 })
      .autoPagingToArray({ limit: 100 });
    expect(all.map((item) => item.description)).toEqual(line_items.map((item) => item.price_data.product_data.name));
  });

  it("validates like Stripe: missing success_url, missing line_items, bad values, unknown parameters", async () => {
    const noSuccess = await apiError(bookSession(stripe, { success_url: undefined }));
    expect(noSuccess).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(noSuccess).toMatchObject({
      statusCode: 400,
      rawType: "invalid_request_error",
      param: "success_url",
      code: "parameter_missing",
    });

    const noItems = await apiError(bookSession(stripe, { line_items: undefined }));
    expect(noItems).toMatchObject({ statusCode: 400, param: "line_items" });

    const noQuantity = await apiError(
      bookSession(stripe, {
        line_items: [{ price_data: { currency: "usd", unit_amount: 900, product_data: { name: "x" } } }],
      }),
    );
    expect(noQuantity).toMatchObject({ statusCode: 400, param: "line_items[0][quantity]" });

    const badEmail = await apiError(bookSession(stripe, { customer_email: "not-an-email" }));
    expect(badEmail).toMatchObject({ statusCode: 400, param: "customer_email" });

    const tooSmall = await apiError(
      bookSession(stripe, {
        line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 10, product_data: { name: "x" } } }],
      }),
    );
    expect(tooSmall.message).toMatch(/at least \$0\.50 usd/);

    const unknown = await apiError(bookSession(stripe, { locale: "en", allow_promotion_codes: true }));
    expect(unknown).toMatchObject({ statusCode: 400, param: "allow_promotion_codes", code: "parameter_unknown" });

    const raw = await fetch(`${emulator.url}/v1/checkout/sessions`, {
      method: "POST",
      headers: { Authorization: "Bearer sk_test_raw", "Content-Type": "application/x-www-form-urlencoded" },
      body: "mode=payment&line_items[0][price]=price_missing&line_items[0][quantity]=1&success_url=http://x/",
    });
    expect(raw.status).toBe(404);
    expect(await raw.json()).toEqual({
      error: expect.objectContaining({
        type: "invalid_request_error",
        code: "resource_missing",
        param: "line_items[0][price]",
        message: "No such price: 'price_missing'",
      }),
    });
  });

  it("answers 404 resource_missing for unknown ids and unknown URLs", async () => {
    const missing = await apiError(stripe.checkout.sessions.retrieve("cs_test_nope"));
    expect(missing).toMatchObject({
      statusCode: 404,
      code: "resource_missing",
      message: "No such checkout.session: 'cs_test_nope'",
    });
    const url = await fetch(`${emulator.url}/v1/customers`, { headers: { Authorization: "Bearer sk_test_x" } });
    expect(url.status).toBe(404);
    expect((await url.json()).error.message).toMatch(/^Unrecognized request URL \(GET: \/v1\/customers\)/);
  });

  it("replays a repeated Idempotency-Key and refuses it with other parameters", async () => {
    const first = await bookSession(stripe, {});
    const key = `checkout-${first.id}`;
    const a = await stripe.checkout.sessions.create(
      { ...sessionParams(), client_reference_id: "order_7" },
      { idempotencyKey: key },
    );
    const b = await stripe.checkout.sessions.create(
      { ...sessionParams(), client_reference_id: "order_7" },
      { idempotencyKey: key },
    );
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers["idempotent-replayed"]).toBe("true");
    const conflict = await apiError(
      stripe.checkout.sessions.create({ ...sessionParams(), client_reference_id: "order_8" }, { idempotencyKey: key }),
    );
    expect(conflict).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it("expires an open session (and only an open one)", async () => {
    const created = await bookSession(stripe);
    const expired = await stripe.checkout.sessions.expire(created.id);
    expect(expired).toMatchObject({ status: "expired", url: null, payment_status: "unpaid" });
    const again = await apiError(stripe.checkout.sessions.expire(created.id));
    expect(again.statusCode).toBe(400);
    const pay = await control(emulator.url, `/sessions/${created.id}/pay`, { outcome: "paid", email: "a@example.com" });
    expect(pay.status).toBe(400);
    expect(pay.body.error.message).toMatch(/expired/);
  });
});

function sessionParams(): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 999, product_data: { name: "Essay" } } }],
    success_url: "http://127.0.0.1:3000/done?session_id={CHECKOUT_SESSION_ID}",
  };
}

describe("payments and refunds", () => {
  it("exposes the PaymentIntent and Charge of a paid session, then refunds partially and fully", async () => {
    const created = await bookSession(stripe);
    const paid = await control(emulator.url, `/sessions/${created.id}/pay`, {
      outcome: "paid",
      email: "buyer@example.com",
    });
    expect(paid.status).toBe(200);
    expect(paid.body.redirect).toBe(`http://127.0.0.1:3000/checkout/success?session_id=${created.id}`);

    const session = await stripe.checkout.sessions.retrieve(created.id, { expand: ["payment_intent.latest_charge"] });
    expect(session).toMatchObject({
      status: "complete",
      payment_status: "paid",
      url: null,
      customer_details: { email: "buyer@example.com", name: null },
    });
    const intent = session.payment_intent as Stripe.PaymentIntent;
    expect(intent).toMatchObject({
      object: "payment_intent",
      status: "succeeded",
      amount: 3100,
      amount_received: 3100,
      currency: "usd",
    });
    expect(intent.id).toMatch(/^pi_/);
    const expandedCharge = intent.latest_charge as Stripe.Charge;
    expect(expandedCharge.id).toMatch(/^ch_/);

    const retrievedIntent = await stripe.paymentIntents.retrieve(intent.id);
    expect(retrievedIntent.latest_charge).toBe(expandedCharge.id);
    const charge = await stripe.charges.retrieve(expandedCharge.id);
    expect(charge).toMatchObject({
      amount: 3100,
      amount_refunded: 0,
      refunded: false,
      paid: true,
      status: "succeeded",
      payment_intent: intent.id,
    });
    expect(charge.refunds).toBeUndefined();

    const partial = await stripe.refunds.create({
      payment_intent: intent.id,
      amount: 1500,
      metadata: { orderItemIds: "item_1" },
    });
    expect(partial).toMatchObject({
      object: "refund",
      amount: 1500,
      charge: charge.id,
      payment_intent: intent.id,
      status: "succeeded",
      metadata: { orderItemIds: "item_1" },
    });
    expect(partial.id).toMatch(/^re_/);
    expect(await stripe.charges.retrieve(charge.id)).toMatchObject({ amount_refunded: 1500, refunded: false });

    const tooMuch = await apiError(stripe.refunds.create({ payment_intent: intent.id, amount: 1601 }));
    expect(tooMuch).toMatchObject({ statusCode: 400, param: "amount", code: "amount_too_large" });

    const rest = await stripe.refunds.create({ charge: charge.id, metadata: { orderItemIds: "item_2,item_3" } });
    expect(rest.amount).toBe(1600);
    const refunded = await stripe.charges.retrieve(charge.id, { expand: ["refunds"] });
    expect(refunded).toMatchObject({ amount_refunded: 3100, refunded: true });
    expect(refunded.refunds!.data.map((r) => r.id)).toEqual([rest.id, partial.id]);

    const already = await apiError(stripe.refunds.create({ payment_intent: intent.id }));
    expect(already).toMatchObject({ statusCode: 400, code: "charge_already_refunded" });

    const listed = await stripe.refunds.list({ payment_intent: intent.id });
    expect(listed.data.map((r) => r.amount)).toEqual([1600, 1500]);
    expect((await stripe.refunds.retrieve(partial.id)).metadata).toEqual({ orderItemIds: "item_1" });
  });

  it("refuses to refund an unpaid session's intent and unknown ones", async () => {
    const missing = await apiError(stripe.refunds.create({ payment_intent: "pi_missing" }));
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing", param: "payment_intent" });
    const neither = await apiError(stripe.refunds.create({}));
    expect(neither.statusCode).toBe(400);
    const created = await bookSession(stripe, { customer_email: "x@example.com" });
    await control(emulator.url, `/sessions/${created.id}/pay`, { outcome: "declined" });
    const declined = await stripe.checkout.sessions.retrieve(created.id);
    expect(declined.status).toBe("open");
    const intent = await stripe.paymentIntents.retrieve(declined.payment_intent as string);
    expect(intent.status).toBe("requires_payment_method");
    expect(intent.last_payment_error?.code).toBe("card_declined");
    const refund = await apiError(stripe.refunds.create({ payment_intent: intent.id }));
    expect(refund.statusCode).toBe(400);
  });

  it("gives every object a unique, prefixed id", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const session = await bookSession(stripe);
      await control(emulator.url, `/sessions/${session.id}/pay`, { email: "u@example.com" });
      const paid = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] });
      const intent = paid.payment_intent as Stripe.PaymentIntent;
      const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 100 });
      for (const id of [session.id, intent.id, intent.latest_charge as string, refund.id]) ids.add(id);
    }
    expect(ids.size).toBe(20);
    const events = await stripe.events.list({ limit: 100 });
    expect(events.data.length).toBeGreaterThan(0);
    expect(new Set(events.data.map((e) => e.id)).size).toBe(events.data.length);
    expect(events.data.every((e) => e.id.startsWith("evt_"))).toBe(true);
  });
});

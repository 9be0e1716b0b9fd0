import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../scripts/stripe-emulator/emulator.mjs";
import { bookSession, control, sdkFor, startReceiver, waitFor } from "./helpers";

const SECRET = "whsec_emulator_test_secret";
let emulator: RunningEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let stripe: Stripe;

beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await startEmulator({
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    asyncDelayMs: 200,
    retryDelaysMs: [50, 100, 200],
  });
  stripe = sdkFor(emulator.url);
});
afterAll(async () => {
  await emulator.stop();
  await receiver.stop();
});
beforeEach(async () => {
  await emulator.idle();
  emulator.configureDeliveries({});
  receiver.clear();
});

async function paidSession(email = "buyer@example.com") {
  const session = await bookSession(stripe);
  await control(emulator.url, `/sessions/${session.id}/pay`, { outcome: "paid", email });
  await emulator.idle();
  const paid = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] });
  return { session: paid, intent: paid.payment_intent as Stripe.PaymentIntent };
}

describe("webhook delivery", () => {
  it("signs each event exactly like Stripe, so the real SDK verifies it (and rejects tampering)", async () => {
    const { session } = await paidSession();
    expect(receiver.types()).toEqual(["checkout.session.completed", "payment_intent.succeeded", "charge.succeeded"]);
    const [hook] = receiver.received;
    expect(hook.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(hook.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    const event = stripe.webhooks.constructEvent(hook.body, hook.signature, SECRET);
    expect(event).toMatchObject({
      object: "event",
      type: "checkout.session.completed",
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      api_version: Stripe.API_VERSION,
    });
    expect(event.id).toMatch(/^evt_/);
    const completed = event.data.object as Stripe.Checkout.Session;
    expect(completed).toMatchObject({
      id: session.id,
      status: "complete",
      payment_status: "paid",
      metadata: { orderId: "order_42" },
      client_reference_id: "order_42",
      customer_details: { email: "buyer@example.com" },
    });
    expect(completed.payment_intent).toMatch(/^pi_/);

    const tampered = hook.body.replace('"amount_total": 3100', '"amount_total": 1');
    expect(tampered).not.toBe(hook.body);
    expect(() => stripe.webhooks.constructEvent(tampered, hook.signature, SECRET)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => stripe.webhooks.constructEvent(hook.body, hook.signature, "whsec_other")).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    // A re-serialized body (what a framework's JSON parser would give back) no longer verifies either.
    expect(() =>
      stripe.webhooks.constructEvent(JSON.stringify(JSON.parse(hook.body)), hook.signature, SECRET),
    ).toThrow();
  });

  it("retries non-2xx answers with backoff and records every attempt", async () => {
    let calls = 0;
    receiver.respondWith((hook) => (hook.event.type === "checkout.session.completed" && ++calls <= 2 ? 500 : 200));
    const session = await bookSession(stripe);
    await control(emulator.url, `/sessions/${session.id}/pay`, { outcome: "paid", email: "r@example.com" });
    await emulator.idle();
    const { body } = await control(emulator.url, "/events?type=checkout.session.completed");
    const record = body.data.find((e: any) => e.object_id === session.id);
    expect(record.delivered).toBe(true);
    expect(record.deliveries).toHaveLength(1);
    expect(record.deliveries[0].status).toBe("succeeded");
    expect(record.deliveries[0].attempts.map((a: any) => a.status)).toEqual([500, 500, 200]);
    const [first, second, third] = receiver.received
      .filter((h) => h.event.type === "checkout.session.completed")
      .map((h) => h.event.id);
    expect(new Set([first, second, third]).size).toBe(1);
  });

  it("gives up after the last retry and marks the delivery failed", async () => {
    receiver.respondWith(() => 400);
    const session = await bookSession(stripe);
    await control(emulator.url, `/sessions/${session.id}/pay`, { outcome: "paid", email: "r@example.com" });
    await emulator.idle();
    const record = emulator
      .events()
      .find((e) => e.type === "checkout.session.completed" && e.object_id === session.id)!;
    expect(record.deliveries[0]).toMatchObject({ status: "failed" });
    expect(record.deliveries[0].attempts.map((a) => a.status)).toEqual([400, 400, 400, 400]);
  });

  it("sends charge.refunded and refund.created with the refund's metadata and the idempotency key", async () => {
    const { intent } = await paidSession();
    receiver.clear();
    const refund = await stripe.refunds.create(
      { payment_intent: intent.id, amount: 800, metadata: { orderItemIds: "oi_1,oi_2" } },
      { idempotencyKey: "refund-oi_1" },
    );
    await emulator.idle();
    expect(receiver.types()).toEqual(["charge.refunded", "refund.created"]);
    const [chargeEvent, refundEvent] = receiver.received.map((h) =>
      stripe.webhooks.constructEvent(h.body, h.signature, SECRET),
    );
    const charge = chargeEvent.data.object as Stripe.Charge;
    expect(charge).toMatchObject({
      object: "charge",
      id: intent.latest_charge,
      amount: 3100,
      amount_refunded: 800,
      refunded: false,
      payment_intent: intent.id,
    });
    // Since API version 2022-11-15 Stripe does not include a charge's refunds unless expanded.
    expect(charge.refunds).toBeUndefined();
    expect(refundEvent.data.object).toMatchObject({
      id: refund.id,
      object: "refund",
      amount: 800,
      metadata: { orderItemIds: "oi_1,oi_2" },
    });
    expect(refundEvent.request).toEqual({ id: expect.stringMatching(/^req_/), idempotency_key: "refund-oi_1" });

    // A retried request with the same key is replayed: no second refund, no new events.
    const replay = await stripe.refunds.create(
      { payment_intent: intent.id, amount: 800, metadata: { orderItemIds: "oi_1,oi_2" } },
      { idempotencyKey: "refund-oi_1" },
    );
    expect(replay.id).toBe(refund.id);
    await emulator.idle();
    expect(receiver.received).toHaveLength(2);
    expect((await stripe.charges.retrieve(charge.id)).amount_refunded).toBe(800);
  });

  it("completes an async payment unpaid, then sends async_payment_succeeded after the delay", async () => {
    const session = await bookSession(stripe);
    const paid = await control(emulator.url, `/sessions/${session.id}/pay`, {
      outcome: "async",
      email: "late@example.com",
    });
    expect(paid.body.session).toMatchObject({ status: "complete", payment_status: "unpaid" });
    await waitFor(() => receiver.types().includes("checkout.session.async_payment_succeeded"), 3_000);
    await emulator.idle();
    const events = receiver.received.map((h) => stripe.webhooks.constructEvent(h.body, h.signature, SECRET));
    const completed = events.find((e) => e.type === "checkout.session.completed")!.data
      .object as Stripe.Checkout.Session;
    expect(completed.payment_status).toBe("unpaid");
    const succeeded = events.find((e) => e.type === "checkout.session.async_payment_succeeded")!.data
      .object as Stripe.Checkout.Session;
    expect(succeeded).toMatchObject({ id: session.id, status: "complete", payment_status: "paid" });
    expect(events.map((e) => e.type).indexOf("checkout.session.completed")).toBeLessThan(
      events.map((e) => e.type).indexOf("checkout.session.async_payment_succeeded"),
    );
    const intent = await stripe.paymentIntents.retrieve(succeeded.payment_intent as string);
    expect(intent.status).toBe("succeeded");
    expect(await stripe.charges.retrieve(intent.latest_charge as string)).toMatchObject({
      status: "succeeded",
      paid: true,
    });
  });

  it("can fail an async payment through the control endpoint", async () => {
    const session = await bookSession(stripe);
    await control(emulator.url, `/sessions/${session.id}/pay`, { outcome: "async", email: "late@example.com" });
    const failed = await control(emulator.url, `/sessions/${session.id}/pay`, { outcome: "async_failed" });
    expect(failed.status).toBe(200);
    // The cancelled auto-success must never fire. A second "pay later" session started now succeeds on
    // its own after the same delay, and timers of equal delay fire in the order they were set: once its
    // success is delivered, the first session's would have been delivered before it.
    const later = await bookSession(stripe);
    await control(emulator.url, `/sessions/${later.id}/pay`, { outcome: "async", email: "later@example.com" });
    const typesFor = (id: string) =>
      receiver.received.filter((hook) => hook.event.data.object.id === id).map((hook) => hook.event.type);
    await waitFor(() => typesFor(later.id).includes("checkout.session.async_payment_succeeded"), 3_000);
    await emulator.idle();
    expect(typesFor(session.id)).toEqual(["checkout.session.completed", "checkout.session.async_payment_failed"]);
    const retrieved = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] });
    expect(retrieved).toMatchObject({ status: "complete", payment_status: "unpaid" });
    expect((retrieved.payment_intent as Stripe.PaymentIntent).status).toBe("requires_payment_method");
    const refund = await control(emulator.url, `/sessions/${session.id}/pay`, { outcome: "async_succeeded" });
    expect(refund.status).toBe(400);
  });

  it("creates and closes disputes", async () => {
    const { intent } = await paidSession();
    receiver.clear();
    const created = await control(emulator.url, "/disputes", { charge: intent.latest_charge });
    expect(created.status).toBe(200);
    const dispute = created.body;
    expect(dispute.id).toMatch(/^dp_/);
    await emulator.idle();
    const opened = receiver.received.map((h) => stripe.webhooks.constructEvent(h.body, h.signature, SECRET));
    expect(opened.map((e) => e.type)).toEqual(["charge.dispute.created", "charge.dispute.funds_withdrawn"]);
    expect(opened[0].data.object).toMatchObject({
      id: dispute.id,
      object: "dispute",
      charge: intent.latest_charge,
      payment_intent: intent.id,
      status: "needs_response",
      amount: 3100,
    });
    expect((await stripe.charges.retrieve(intent.latest_charge as string)).disputed).toBe(true);

    const refund = await stripe.refunds.create({ payment_intent: intent.id }).catch((e) => e);
    expect(refund).toMatchObject({ statusCode: 400, code: "charge_disputed" });

    receiver.clear();
    const closed = await control(emulator.url, `/disputes/${dispute.id}/close`, { status: "lost" });
    expect(closed.body.status).toBe("lost");
    await emulator.idle();
    const [closedEvent] = receiver.received.map((h) => stripe.webhooks.constructEvent(h.body, h.signature, SECRET));
    expect(closedEvent).toMatchObject({
      type: "charge.dispute.closed",
      data: { object: { id: dispute.id, status: "lost" } },
    });
    expect((await stripe.disputes.retrieve(dispute.id)).status).toBe("lost");
  });

  it("moves a dispute through any status: open ones send charge.dispute.updated, final ones .closed", async () => {
    const { intent } = await paidSession();
    const inquiry = (
      await control(emulator.url, "/disputes", { charge: intent.latest_charge, status: "warning_needs_response" })
    ).body;
    expect(inquiry.status).toBe("warning_needs_response");
    await emulator.idle();
    receiver.clear();
    expect(
      (await control(emulator.url, `/disputes/${inquiry.id}/status`, { status: "warning_under_review" })).status,
    ).toBe(200);
    expect((await control(emulator.url, `/disputes/${inquiry.id}/status`, { status: "warning_closed" })).status).toBe(
      200,
    );
    await emulator.idle();
    const events = receiver.received.map((h) => stripe.webhooks.constructEvent(h.body, h.signature, SECRET));
    expect(events.map((e) => [e.type, (e.data.object as Stripe.Dispute).status])).toEqual([
      ["charge.dispute.updated", "warning_under_review"],
      ["charge.dispute.closed", "warning_closed"],
    ]);
    expect((await stripe.disputes.retrieve(inquiry.id)).status).toBe("warning_closed");
    expect((await control(emulator.url, `/disputes/${inquiry.id}/status`, { status: "won" })).status).toBe(400);
    const other = (await paidSession()).intent;
    const openedAsWon = await control(emulator.url, "/disputes", { charge: other.latest_charge, status: "won" });
    expect(openedAsWon).toMatchObject({ status: 400, body: { error: { param: "status" } } });
  });

  it("delivers duplicates: each next event n times, or one event again on request", async () => {
    emulator.configureDeliveries({ duplicate: 2 });
    const session = await bookSession(stripe);
    await control(emulator.url, `/sessions/${session.id}/pay`, { email: "d@example.com" });
    await emulator.idle();
    const completed = receiver.received.filter((h) => h.event.type === "checkout.session.completed");
    expect(completed).toHaveLength(2);
    expect(completed[0].event.id).toBe(completed[1].event.id);
    expect(receiver.received).toHaveLength(6);

    const resent = await control(emulator.url, `/events/${completed[0].event.id}/resend`, {});
    expect(resent.status).toBe(200);
    await emulator.idle();
    expect(receiver.received.filter((h) => h.event.id === completed[0].event.id)).toHaveLength(3);
    expect((await control(emulator.url, "/events/evt_missing/resend", {})).status).toBe(404);
  });

  it("holds events and releases them in reverse order", async () => {
    await control(emulator.url, "/hold", {});
    const session = await bookSession(stripe);
    await control(emulator.url, `/sessions/${session.id}/pay`, { email: "o@example.com" });
    await emulator.idle();
    expect(receiver.received).toHaveLength(0);
    const held = (await control(emulator.url, "/events")).body.data.filter((e: any) =>
      e.deliveries.some((d: any) => d.status === "held"),
    );
    expect(held).toHaveLength(3);

    const released = await control(emulator.url, "/release?order=reverse", {});
    expect(released.body).toEqual({ released: 3, order: "reverse" });
    await emulator.idle();
    expect(receiver.types()).toEqual(["charge.succeeded", "payment_intent.succeeded", "checkout.session.completed"]);
  });

  it("accepts delivery options as a control (reverse and delay)", async () => {
    const options = await control(emulator.url, "/deliveries", { reverse: true, delayMs: 20 });
    expect(options.body).toEqual({ duplicate: 1, delayMs: 20, hold: true, releaseOrder: "reverse" });
    const session = await bookSession(stripe);
    await control(emulator.url, `/sessions/${session.id}/pay`, { email: "o@example.com" });
    expect(receiver.received).toHaveLength(0);
    await control(emulator.url, "/release", {});
    await emulator.idle();
    expect(receiver.types()).toEqual(["charge.succeeded", "payment_intent.succeeded", "checkout.session.completed"]);
    expect((await control(emulator.url, "/deliveries", { duplicate: 0 })).status).toBe(400);
  });
});

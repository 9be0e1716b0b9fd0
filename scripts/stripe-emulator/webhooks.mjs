import { createHmac } from "node:crypto";
import { newId, nowSeconds } from "./ids.mjs";

/** Stripe's `Stripe-Signature` header: `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<payload>")>`. */
export function signPayload(payload, secret, timestamp = nowSeconds()) {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

const DEFAULT_OPTIONS = Object.freeze({ duplicate: 1, delayMs: 0, hold: false, releaseOrder: "fifo" });

/**
 * Sends events to one endpoint the way Stripe does: signed JSON POSTs, retried on non-2xx with
 * backoff (compressed in time), every attempt recorded. Deliveries go out one at a time in event
 * order so tests are deterministic; retries run on their own timers and never hold up later events
 * (Stripe does not guarantee ordering either). Test options duplicate, delay, hold and reorder them.
 */
export class WebhookDispatcher {
  constructor({ url, secret, retryDelaysMs = [500, 1000, 2000], timeoutMs = 10_000, log = () => {} }) {
    Object.assign(this, { url, secret, retryDelaysMs, timeoutMs, log });
    this.options = { ...DEFAULT_OPTIONS };
    this.records = new Map();
    this.held = [];
    this.chain = Promise.resolve();
    this.busy = 0;
    this.waiters = [];
    this.timers = new Set();
    this.stopped = false;
  }

  /** Replaces the delivery options; anything left out returns to its default. */
  configure({ duplicate = 1, delayMs = 0, hold = false, reverse = false, releaseOrder } = {}) {
    duplicate = Number(duplicate);
    delayMs = Number(delayMs);
    if (!Number.isInteger(duplicate) || duplicate < 1 || duplicate > 10)
      throw new RangeError("duplicate must be an integer from 1 to 10");
    if (!Number.isFinite(delayMs) || delayMs < 0 || delayMs > 60_000)
      throw new RangeError("delayMs must be from 0 to 60000");
    const order = releaseOrder ?? (reverse === true || reverse === "true" ? "reverse" : "fifo");
    if (!["fifo", "reverse"].includes(order)) throw new RangeError("releaseOrder must be fifo or reverse");
    const wasHolding = this.options.hold;
    // `reverse` on its own means "collect events, then send them newest first on release".
    const holding = hold === true || hold === "true" || order === "reverse";
    this.options = { duplicate, delayMs, hold: holding, releaseOrder: order };
    if (wasHolding && !holding) this.release();
    return this.options;
  }

  dispatch(event) {
    this.records.set(event.id, { event, deliveries: [] });
    for (let i = 0; i < this.options.duplicate; i++) this.#enqueue(event, this.options.hold);
  }

  /** Sends an already-sent event again, same id and payload (a duplicate delivery). */
  resend(eventId) {
    if (!this.records.has(eventId)) return undefined;
    return this.#enqueue(this.records.get(eventId).event, false);
  }

  /** Sends every held delivery, in event order or newest first, and stops holding. */
  release(order = this.options.releaseOrder) {
    const held = this.held.splice(0);
    if (order === "reverse") held.reverse();
    this.options = { ...this.options, hold: false, releaseOrder: "fifo" };
    for (const delivery of held) this.#schedule(delivery);
    return held.length;
  }

  /** Resolves once nothing is being sent or waiting for a retry (held deliveries do not count). */
  idle() {
    return this.busy === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  stop() {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.busy = 0;
    this.#settle();
  }

  /** Events oldest first, each with its deliveries and their attempts. */
  list() {
    return [...this.records.values()].map(({ event, deliveries }) => ({
      id: event.id,
      type: event.type,
      created: event.created,
      object_id: event.data.object.id,
      delivered: deliveries.some((d) => d.status === "succeeded"),
      deliveries,
      event,
    }));
  }

  #enqueue(event, hold) {
    const delivery = { id: newId("whdel_"), status: hold ? "held" : "pending", attempts: [] };
    this.records.get(event.id).deliveries.push(delivery);
    Object.defineProperty(delivery, "event", { value: event, enumerable: false });
    if (hold) this.held.push(delivery);
    else this.#schedule(delivery);
    return delivery;
  }

  #schedule(delivery) {
    delivery.status = "pending";
    this.busy++;
    const { delayMs } = this.options;
    this.chain = this.chain.then(async () => {
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      await this.#attempt(delivery);
    });
  }

  async #attempt(delivery) {
    try {
      if (this.stopped) return;
      if (!this.url || !this.secret) {
        delivery.status = "skipped";
        delivery.reason = "no webhook URL or secret configured";
        return;
      }
      const payload = JSON.stringify(delivery.event, null, 2);
      const attempt = {
        number: delivery.attempts.length + 1,
        at: new Date().toISOString(),
        status: null,
        error: null,
        durationMs: 0,
      };
      delivery.attempts.push(attempt);
      const started = Date.now();
      try {
        const response = await fetch(this.url, {
          method: "POST",
          headers: {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            "Stripe-Signature": signPayload(payload, this.secret),
          },
          body: payload,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        attempt.status = response.status;
        attempt.responseBody = (await response.text()).slice(0, 500);
      } catch (error) {
        attempt.error = error?.cause?.code ?? error?.name ?? String(error);
      }
      attempt.durationMs = Date.now() - started;
      if (attempt.status >= 200 && attempt.status < 300) {
        delivery.status = "succeeded";
        return;
      }
      this.log(
        `webhook ${delivery.event.type} ${delivery.event.id} attempt ${attempt.number}: ` +
          `${attempt.status ?? attempt.error}`,
      );
      const wait = this.retryDelaysMs[attempt.number - 1];
      if (wait === undefined || this.stopped) {
        delivery.status = "failed";
        return;
      }
      delivery.status = "retrying";
      this.busy++;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.#attempt(delivery);
      }, wait);
      this.timers.add(timer);
    } finally {
      this.busy = Math.max(0, this.busy - 1);
      this.#settle();
    }
  }

  #settle() {
    if (this.busy === 0) for (const resolve of this.waiters.splice(0)) resolve();
  }
}
